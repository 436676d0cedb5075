//! What went wrong, as a name: tests (and anything else that needs to tell
//! problems apart) match on a [`Kind`], never on a message's words.

/// The kind of a [`Diagnostic`](super::Diagnostic). Each names one sort of
/// mistake, whatever file it is in and however the message words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    // Files and folders.
    /// A file that cannot be read: missing, a folder or pipe, too large.
    Unreadable,
    /// Text that is not UTF-8 (UTF-16, Windows-1252, binary).
    Encoding,
    /// A ballot file named outside the election's folder, or not as a plain
    /// relative path.
    FileRefused,
    /// A symbolic link that leaves the site folder, or leads nowhere.
    LinkOutside,
    /// Something where it does not belong: an unknown entry in `content/`,
    /// a folder that holds no election, a file that is not Markdown.
    Misplaced,
    /// A Markdown file whose front matter is missing or never closed.
    FrontMatter,

    // YAML.
    /// Not valid YAML, a repeated key, or nesting deeper than psephos reads.
    Syntax,
    /// Text YAML reads as something other than was meant (`#` starting a
    /// comment, `5,384` as text, `1:30` as a number of seconds).
    Misread,

    // The shape of the data.
    /// A value of the wrong type: a list where a mapping belongs, text where
    /// a number belongs.
    WrongType,
    /// A required field left out.
    MissingField,
    /// A field psephos does not know (often a typo).
    UnknownField,
    /// Nothing where something is needed: empty text, no candidates, no areas.
    Empty,
    /// An invisible control character in text.
    ControlCharacter,

    // Values.
    /// A number of votes or papers that is negative, fractional, too large,
    /// written as text, or a percentage out of range.
    InvalidNumber,
    /// A date, or a date and time, that is not one.
    InvalidDate,
    /// A web address that is not one, or cannot be used where it is given.
    InvalidAddress,
    /// An id, slug or election id not in its form.
    InvalidId,
    /// Any other value not in its form: a colour, a language tag, a tile.
    InvalidValue,
    /// A word outside the list it must come from: a voting system, a status,
    /// a head of rejected papers.
    UnknownChoice,
    /// The same id, or the same ballot pair, given twice.
    Duplicate,
    /// An id or slug that names nothing: a party, candidate, election,
    /// person, profile or static file.
    UnknownReference,
    /// A name psephos keeps for its own pages.
    Reserved,

    // Whether the data holds together.
    /// Fields that cannot go together, or do not fit the election's status.
    Conflict,
    /// Figures that do not add up: papers counted, verified and rejected,
    /// electorate, turnout, transfers.
    FiguresDisagree,
    /// The declared result differs from the count.
    DeclaredDisagrees,
    /// Votes that are needed and not given.
    MissingVotes,
    /// What the counting rules rule out: a second count where there is
    /// none, a tie with no lot, a lot with no tie.
    CountRule,
    /// A figure or a link left out, so a check or a comparison cannot be
    /// made (a warning).
    Unchecked,

    // Ballot CSVs.
    /// A ballot CSV's header, or a row that cannot be read as
    /// `first,second,count`.
    CsvRow,

    // Documents and the built site.
    /// Markdown the page would lose or show wrongly.
    Markdown,
    /// A static file where psephos writes a page.
    OutputClash,
    /// A link in the built site that leads nowhere.
    BrokenLink,
}
