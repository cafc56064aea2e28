//! One color per PLOVER type, shared by every drawing of the timeline:
//! cooperation in blues and greens, verbal conflict in yellows and oranges,
//! material conflict in reds and purples.

use crate::extract::PloverType;

/// The RGB color of an event type.
pub fn type_color(t: PloverType) -> [u8; 3] {
    match t {
        PloverType::Agree => [44, 123, 182],
        PloverType::Consult => [0, 150, 199],
        PloverType::Support => [77, 175, 74],
        PloverType::Concede => [102, 194, 165],
        PloverType::Cooperate => [26, 152, 80],
        PloverType::Aid => [0, 109, 44],
        PloverType::Retreat => [140, 150, 198],
        PloverType::Request => [191, 160, 40],
        PloverType::Accuse => [230, 145, 56],
        PloverType::Reject => [204, 121, 167],
        PloverType::Threaten => [240, 100, 30],
        PloverType::Protest => [166, 97, 26],
        PloverType::Sanction => [200, 60, 60],
        PloverType::Mobilize => [150, 40, 120],
        PloverType::Coerce => [170, 20, 60],
        PloverType::Assault => [110, 0, 0],
    }
}

/// The color as `#rrggbb`.
pub fn type_hex(t: PloverType) -> String {
    let [r, g, b] = type_color(t);
    format!("#{r:02x}{g:02x}{b:02x}")
}
