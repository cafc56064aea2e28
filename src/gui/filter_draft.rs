//! The filter bar's own state: the filters as the analyst is editing them,
//! apart from the filters in force. The bar edits the draft; a change is
//! sent as [`crate::gui::command::Command::SetFilters`], and the draft
//! follows the filters when they change elsewhere (Clear, a type toggled
//! in the legend, a project's view settings).

use super::timeline_data::{DateInput, Filters};

/// What the filter bar shows and edits.
#[derive(Debug, Clone, Default)]
pub struct FilterDraft {
    /// The filters being edited.
    pub draft: Filters,
    /// The filters in force when the draft was last in step with them.
    base: Filters,
    /// The From and To fields, as typed.
    pub date_inputs: [DateInput; 2],
}

impl FilterDraft {
    /// Takes the filters in force when they changed elsewhere since the
    /// last frame; a draft that is only being typed is kept.
    pub fn follow(&mut self, applied: &Filters) {
        if self.base != *applied {
            self.draft = applied.clone();
            self.base = applied.clone();
        }
    }

    /// The filters to apply, once, when the draft differs from those in
    /// force.
    pub fn take_change(&mut self) -> Option<Filters> {
        (self.draft != self.base).then(|| {
            self.base = self.draft.clone();
            self.draft.clone()
        })
    }

    /// Forgets what was typed in the date fields (after Clear).
    pub fn clear_dates(&mut self) {
        self.date_inputs = Default::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_sends_a_change_once_and_follows_changes_made_elsewhere() {
        let mut bar = FilterDraft::default();
        let applied = Filters::default();
        bar.follow(&applied);
        assert_eq!(bar.take_change(), None);
        bar.draft.actor = "Krem".into();
        let sent = bar.take_change().expect("a change");
        assert_eq!(sent.actor, "Krem");
        assert_eq!(bar.take_change(), None, "sent once");
        // the command applied: nothing to follow
        bar.follow(&sent);
        assert_eq!(bar.draft.actor, "Krem");
        // cleared elsewhere: the draft follows
        bar.follow(&Filters::default());
        assert_eq!(bar.draft.actor, "");
        assert_eq!(bar.take_change(), None);
    }
}
