//! The bottom layer: text helpers that every stage uses and that import nothing else of the
//! crate. Folding (search, slugs, A-Z letters), slugs, escaping for each output context, CSV
//! cells, and numbers and dates in nl-NL form. Keeping them here, below everything, is what
//! lets the stages above depend only downwards.

pub mod csv;
pub mod case;
pub mod date;
pub mod encoding;
pub mod escape;
pub mod fold;
pub mod hyphenate;
pub mod nl;
pub mod phone;
pub mod slug;

pub use date::Date;
pub use escape::{escape_html, escape_markdown, escape_xml, json_in_html};
pub use fold::fold;
pub use phone::{is_phone, tel_href};
pub use case::normal_case;
pub use slug::slugify;
