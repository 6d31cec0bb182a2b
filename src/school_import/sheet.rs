//! The SOP spreadsheet of the yearly round with the schools.

use super::table::Table;
use super::{Context, Outcome};
use crate::diagnostics::Diagnostics;

pub(super) fn is_sheet(table: &Table) -> bool {
    table.column(&["id"]).is_some()
}

pub(super) fn import_table(_ctx: &Context, _table: &Table, _diags: &mut Diagnostics) -> Outcome {
    Outcome::default()
}

pub(super) fn import_workbook(_ctx: &Context, _bytes: &[u8], _diags: &mut Diagnostics) -> Outcome {
    Outcome::default()
}
