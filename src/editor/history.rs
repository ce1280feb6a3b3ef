//! Undo/redo history over any reversible command type.
//!
//! A command is applied to a target and returns its own inverse ([`Reversible`]). Each stack
//! entry is a list of commands that is always applied last-to-first: an undo entry holds the
//! inverses in the order they were produced, so undoing runs them newest-first; doing so yields
//! the forward commands in reverse order, which is exactly a redo entry under the same rule.
//! Undo and redo are therefore the same operation run on opposite stacks.
//!
//! Transactions: [`History::begin`] opens a [`Mark`]; commands applied while a mark is open are
//! gathered into one pending entry. [`History::commit`] closes the mark, and when the outermost
//! mark closes the gathered change becomes ONE undo entry (a drag with a hundred pointer moves
//! undoes in one step). [`History::rollback`] undoes everything applied since its mark and
//! records nothing (Escape mid-drag). Marks nest and must be closed innermost first.
//!
//! Invariants: the redo stack is cleared only when a new non-empty entry is recorded; nothing
//! else (selection, camera, hover, which this type never sees) touches it. Undo and redo are
//! refused while a transaction is open. A call that fails leaves the history and the target as
//! they were (provided each command leaves the target untouched when it errors, as
//! [`Reversible::apply`] requires).

/// A document change that can be applied and, when applied, returns the change that undoes it.
pub trait Reversible: Sized {
    /// What the command changes (the diagram).
    type Target;
    /// Why a command could not be applied (a stale id, say).
    type Error;

    /// Applies the command to `target` and returns its inverse. On error `target` must be left
    /// exactly as it was.
    fn apply(&self, target: &mut Self::Target) -> Result<Self, Self::Error>;

    /// Folds `newer` into `self` when both are inverses gathered in the same transaction and
    /// running `newer` then `self` equals running the updated `self` alone (two moves of the
    /// same things, say). Returns whether it did; the default never folds.
    fn absorb(&mut self, newer: &Self) -> bool {
        let _ = newer;
        false
    }
}

/// An open transaction, returned by [`History::begin`]; pass it back to commit or roll back.
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a mark must be committed or rolled back"]
pub struct Mark {
    depth: usize,
    pending_len: usize,
}

/// Why a history operation did not happen.
#[derive(Debug, PartialEq, Eq)]
pub enum HistoryError<E> {
    /// There is nothing to undo or redo.
    Empty,
    /// Undo/redo/clear is refused while a transaction (a drag, say) is open.
    TransactionOpen,
    /// The mark is not the innermost open one.
    StaleMark,
    /// A command failed; the history and target are as they were before the call.
    Command(E),
}

/// The undo and redo stacks plus the currently open transaction, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct History<C> {
    /// Each entry is applied last-to-first.
    undo: Vec<Vec<C>>,
    /// Each entry is applied last-to-first.
    redo: Vec<Vec<C>>,
    /// Inverses of the commands applied since the outermost mark opened, oldest first.
    pending: Vec<C>,
    /// For each open mark, outermost first, `pending.len()` when it was opened.
    mark_starts: Vec<usize>,
}

impl<C> Default for History<C> {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            pending: Vec::new(),
            mark_starts: Vec::new(),
        }
    }
}

impl<C: Reversible> History<C> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether [`History::undo`] would do something.
    pub fn can_undo(&self) -> bool {
        self.mark_starts.is_empty() && !self.undo.is_empty()
    }

    /// Whether [`History::redo`] would do something.
    pub fn can_redo(&self) -> bool {
        self.mark_starts.is_empty() && !self.redo.is_empty()
    }

    /// Number of undo entries.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of redo entries.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Whether a transaction is open.
    pub fn in_transaction(&self) -> bool {
        !self.mark_starts.is_empty()
    }

    /// Applies `command`. Inside a transaction it joins the pending entry; otherwise it becomes
    /// its own undo entry and clears redo.
    pub fn apply(
        &mut self,
        command: &C,
        target: &mut C::Target,
    ) -> Result<(), HistoryError<C::Error>> {
        let inverse = command.apply(target).map_err(HistoryError::Command)?;
        if !self.mark_starts.is_empty() {
            // Folding across the innermost mark's start would make its rollback undo too much.
            let innermost_start = self.mark_starts.last().copied().unwrap_or(0);
            let foldable = self.pending.len() > innermost_start;
            let folded = foldable
                && self
                    .pending
                    .last_mut()
                    .is_some_and(|last| last.absorb(&inverse));
            if !folded {
                self.pending.push(inverse);
            }
        } else {
            self.record(vec![inverse]);
        }
        Ok(())
    }

    /// Opens a transaction (possibly inside another).
    pub fn begin(&mut self) -> Mark {
        self.mark_starts.push(self.pending.len());
        Mark {
            depth: self.mark_starts.len(),
            pending_len: self.pending.len(),
        }
    }

    /// Closes `mark`, which must be the innermost open mark. When it is the outermost, the
    /// gathered commands become one undo entry (none, and redo kept, if nothing was applied).
    pub fn commit(&mut self, mark: Mark) -> Result<(), HistoryError<C::Error>> {
        if !self.is_innermost(&mark) {
            return Err(HistoryError::StaleMark);
        }
        self.mark_starts.pop();
        if self.mark_starts.is_empty() {
            let commands = std::mem::take(&mut self.pending);
            self.record(commands);
        }
        Ok(())
    }

    /// Closes `mark`, which must be the innermost open mark, undoing every command applied since
    /// it opened. Nothing is recorded and redo is untouched. On error the mark is handed back
    /// still open.
    pub fn rollback(
        &mut self,
        mark: Mark,
        target: &mut C::Target,
    ) -> Result<(), (Mark, HistoryError<C::Error>)> {
        if !self.is_innermost(&mark) {
            return Err((mark, HistoryError::StaleMark));
        }
        match apply_in_reverse(&self.pending[mark.pending_len..], target) {
            Ok(_) => {
                self.pending.truncate(mark.pending_len);
                self.mark_starts.pop();
                if self.mark_starts.is_empty() {
                    // Only possible for the outermost mark, whose pending_len is 0.
                    self.pending.clear();
                }
                Ok(())
            }
            Err(error) => Err((mark, HistoryError::Command(error))),
        }
    }

    /// Undoes the newest entry.
    pub fn undo(&mut self, target: &mut C::Target) -> Result<(), HistoryError<C::Error>> {
        if !self.mark_starts.is_empty() {
            return Err(HistoryError::TransactionOpen);
        }
        let entry = self.undo.last().ok_or(HistoryError::Empty)?;
        let redo = apply_in_reverse(entry, target).map_err(HistoryError::Command)?;
        self.undo.pop();
        self.redo.push(redo);
        Ok(())
    }

    /// Redoes the newest undone entry.
    pub fn redo(&mut self, target: &mut C::Target) -> Result<(), HistoryError<C::Error>> {
        if !self.mark_starts.is_empty() {
            return Err(HistoryError::TransactionOpen);
        }
        let entry = self.redo.last().ok_or(HistoryError::Empty)?;
        let undo = apply_in_reverse(entry, target).map_err(HistoryError::Command)?;
        self.redo.pop();
        self.undo.push(undo);
        Ok(())
    }

    /// Forgets every entry (a new document was loaded). Refused while a transaction is open.
    pub fn clear(&mut self) -> Result<(), HistoryError<C::Error>> {
        if !self.mark_starts.is_empty() {
            return Err(HistoryError::TransactionOpen);
        }
        self.undo.clear();
        self.redo.clear();
        Ok(())
    }

    fn is_innermost(&self, mark: &Mark) -> bool {
        mark.depth != 0
            && mark.depth == self.mark_starts.len()
            && self.mark_starts.last() == Some(&mark.pending_len)
    }

    fn record(&mut self, commands: Vec<C>) {
        if commands.is_empty() {
            return;
        }
        self.undo.push(commands);
        self.redo.clear();
    }
}

/// Applies `commands` last-to-first and returns their inverses in application order (an entry
/// that, applied last-to-first, reverses this call). If one fails, re-applies the inverses
/// gathered so far, newest first, so the target is back where it started, and returns the error.
fn apply_in_reverse<C: Reversible>(
    commands: &[C],
    target: &mut C::Target,
) -> Result<Vec<C>, C::Error> {
    let mut inverses: Vec<C> = Vec::with_capacity(commands.len());
    for command in commands.iter().rev() {
        match command.apply(target) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.iter().rev() {
                    // Best effort: these inverses were produced moments ago against this state.
                    let _ = inverse.apply(target);
                }
                return Err(error);
            }
        }
    }
    Ok(inverses)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy document: a list of numbers, changed by pushes and pops of specific values.
    #[derive(Clone, Debug, PartialEq)]
    enum ListCommand {
        Push(i32),
        /// Pops the last value, which must equal the given one.
        Pop(i32),
        /// Always fails: stands in for a stale id.
        Fail,
    }

    impl Reversible for ListCommand {
        type Target = Vec<i32>;
        type Error = &'static str;

        fn apply(&self, target: &mut Vec<i32>) -> Result<Self, &'static str> {
            match self {
                ListCommand::Push(v) => {
                    target.push(*v);
                    Ok(ListCommand::Pop(*v))
                }
                ListCommand::Pop(v) => match target.last() {
                    Some(last) if last == v => {
                        target.pop();
                        Ok(ListCommand::Push(*v))
                    }
                    _ => Err("pop of a value that is not last"),
                },
                ListCommand::Fail => Err("stale"),
            }
        }
    }

    #[test]
    fn undo_redo_single_commands() {
        let mut doc = vec![];
        let mut history = History::new();
        history.apply(&ListCommand::Push(1), &mut doc).unwrap();
        history.apply(&ListCommand::Push(2), &mut doc).unwrap();
        assert_eq!(doc, [1, 2]);
        history.undo(&mut doc).unwrap();
        assert_eq!(doc, [1]);
        history.undo(&mut doc).unwrap();
        assert_eq!(doc, Vec::<i32>::new());
        assert_eq!(history.undo(&mut doc), Err(HistoryError::Empty));
        history.redo(&mut doc).unwrap();
        history.redo(&mut doc).unwrap();
        assert_eq!(doc, [1, 2]);
        assert_eq!(history.redo(&mut doc), Err(HistoryError::Empty));
    }

    #[test]
    fn a_transaction_is_one_entry_replayed_in_order() {
        let mut doc = vec![0];
        let mut history = History::new();
        let mark = history.begin();
        for v in 1..=3 {
            history.apply(&ListCommand::Push(v), &mut doc).unwrap();
        }
        assert_eq!(history.undo(&mut doc), Err(HistoryError::TransactionOpen));
        history.commit(mark).unwrap();
        assert_eq!(history.undo_len(), 1);
        history.undo(&mut doc).unwrap();
        assert_eq!(doc, [0]);
        history.redo(&mut doc).unwrap();
        assert_eq!(doc, [0, 1, 2, 3]);
        history.undo(&mut doc).unwrap();
        assert_eq!(doc, [0]);
    }

    #[test]
    fn rollback_restores_and_records_nothing_and_keeps_redo() {
        let mut doc = vec![];
        let mut history = History::new();
        history.apply(&ListCommand::Push(1), &mut doc).unwrap();
        history.undo(&mut doc).unwrap();
        assert!(history.can_redo());
        let mark = history.begin();
        history.apply(&ListCommand::Push(7), &mut doc).unwrap();
        history.apply(&ListCommand::Push(8), &mut doc).unwrap();
        history.rollback(mark, &mut doc).unwrap();
        assert_eq!(doc, Vec::<i32>::new());
        assert_eq!(history.undo_len(), 0);
        assert!(history.can_redo(), "an abandoned drag must not clear redo");
        // An empty transaction does not clear redo either.
        let mark = history.begin();
        history.commit(mark).unwrap();
        assert!(history.can_redo());
        history.apply(&ListCommand::Push(5), &mut doc).unwrap();
        assert!(!history.can_redo(), "a new document change clears redo");
    }

    #[test]
    fn nested_marks_roll_back_only_the_inner_part() {
        let mut doc = vec![];
        let mut history = History::new();
        let outer = history.begin();
        history.apply(&ListCommand::Push(1), &mut doc).unwrap();
        let inner = history.begin();
        history.apply(&ListCommand::Push(2), &mut doc).unwrap();
        let stale = Mark {
            depth: 1,
            pending_len: 0,
        };
        assert_eq!(history.commit(stale), Err(HistoryError::StaleMark));
        history.rollback(inner, &mut doc).unwrap();
        assert_eq!(doc, [1]);
        assert!(history.in_transaction());
        history.commit(outer).unwrap();
        assert_eq!(history.undo_len(), 1);
        history.undo(&mut doc).unwrap();
        assert!(doc.is_empty());
    }

    #[test]
    fn a_failing_command_changes_nothing() {
        let mut doc = vec![];
        let mut history = History::new();
        history.apply(&ListCommand::Push(1), &mut doc).unwrap();
        assert_eq!(
            history.apply(&ListCommand::Fail, &mut doc),
            Err(HistoryError::Command("stale"))
        );
        assert_eq!(history.undo_len(), 1);
        // The document changes behind the history's back: the undo entry (Pop(1)) is now stale,
        // and a multi-command entry fails part way; both must leave everything as it was.
        let mark = history.begin();
        history.apply(&ListCommand::Push(2), &mut doc).unwrap();
        history.apply(&ListCommand::Push(3), &mut doc).unwrap();
        history.commit(mark).unwrap();
        doc.insert(1, 9); // [1, 9, 2, 3]: undoing Push(3), Push(2) works, but not Push(1)
        history.undo(&mut doc).unwrap();
        assert_eq!(doc, [1, 9]);
        assert_eq!(
            history.undo(&mut doc),
            Err(HistoryError::Command("pop of a value that is not last"))
        );
        assert_eq!(doc, [1, 9]);
        assert_eq!(history.undo_len(), 1);
        assert_eq!(history.redo_len(), 1);
        // The redo entry is still there and still applies.
        doc.push(4);
        history.redo(&mut doc).unwrap();
        assert_eq!(doc, [1, 9, 4, 2, 3]);
    }

    #[test]
    fn partial_failure_inside_an_entry_restores_the_earlier_commands() {
        let mut doc = vec![];
        let mut history = History::new();
        let mark = history.begin();
        history.apply(&ListCommand::Push(1), &mut doc).unwrap();
        history.apply(&ListCommand::Push(2), &mut doc).unwrap();
        history.commit(mark).unwrap();
        // Undo runs Pop(2) then Pop(1); make Pop(1) fail after Pop(2) succeeded.
        doc.insert(0, 5); // [5, 1, 2]
        doc.swap(0, 1); // [1, 5, 2]: Pop(2) ok -> [1, 5]; Pop(1) fails
        let before = doc.clone();
        assert!(matches!(
            history.undo(&mut doc),
            Err(HistoryError::Command(_))
        ));
        assert_eq!(doc, before, "the successful half must be re-applied");
        assert_eq!(history.undo_len(), 1);
        assert_eq!(history.redo_len(), 0);
    }

    #[test]
    fn clear_is_refused_mid_transaction() {
        let mut doc = vec![];
        let mut history = History::new();
        history.apply(&ListCommand::Push(1), &mut doc).unwrap();
        let mark = history.begin();
        assert_eq!(history.clear(), Err(HistoryError::TransactionOpen));
        history.commit(mark).unwrap();
        history.clear().unwrap();
        assert!(!history.can_undo());
    }

    /// A counter changed by additions; consecutive additions fold into one.
    #[derive(Clone, Debug, PartialEq)]
    struct AddToCounter(i64);

    impl Reversible for AddToCounter {
        type Target = i64;
        type Error = ();

        fn apply(&self, target: &mut i64) -> Result<Self, ()> {
            *target += self.0;
            Ok(AddToCounter(-self.0))
        }

        fn absorb(&mut self, newer: &Self) -> bool {
            self.0 += newer.0;
            true
        }
    }

    #[test]
    fn folded_commands_stay_one_command_and_respect_inner_marks() {
        let mut counter = 0;
        let mut history = History::new();
        let outer = history.begin();
        for _ in 0..100 {
            history.apply(&AddToCounter(1), &mut counter).unwrap();
        }
        assert_eq!(
            history.pending.len(),
            1,
            "a hundred drag steps fold into one"
        );
        let inner = history.begin();
        history.apply(&AddToCounter(5), &mut counter).unwrap();
        assert_eq!(history.pending.len(), 2, "no folding across the inner mark");
        history.rollback(inner, &mut counter).unwrap();
        assert_eq!(counter, 100);
        history.commit(outer).unwrap();
        history.undo(&mut counter).unwrap();
        assert_eq!(counter, 0);
        history.redo(&mut counter).unwrap();
        assert_eq!(counter, 100);
    }
}
