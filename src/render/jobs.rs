//! The pages to render (render stage): a [`PageJob`] is one page with its URL, template and
//! own variables; [`Jobs`] hands them on in chunks as `pages` and `versions` make them.

use super::views::PageMeta;
use serde::Serialize;
use tera::Context;

/// One page to render: where it goes, with which template and data.
pub struct PageJob {
    pub url: String,
    pub template: &'static str,
    /// The page's own variables; rendered on top of the base context of `lang`.
    pub context: Context,
    /// Interface language of the page.
    pub lang: String,
}

/// A page of `base`'s language. Its context holds only what is its own: the renderer adds the
/// base context of its language when it renders it, so that 18,000 waiting pages of a national
/// site do not each hold a copy of every interface string (issue 18).
pub(super) fn job<V: Serialize>(base: &Context, url: String, template: &'static str, title: &str, description: &str, view: &V) -> PageJob {
    let mut context = Context::new();
    context.insert("page", &PageMeta { titel: title, url: &url, beschrijving: description });
    context.extend(Context::from_serialize(view).expect("a page view is a struct"));
    let lang = base.get("lang").and_then(|v| v.as_str()).unwrap_or("nl").to_string();
    PageJob { url, template, context, lang }
}

/// Where the pages go as they are made: every [`Jobs::CHUNK`] pages are handed on to be
/// rendered (in parallel) and dropped, so a national site's 18,000 page contexts never wait in
/// memory all at once (issue 18). The order is kept: chunks go out in the order pages came.
pub struct Jobs<'r> {
    pending: Vec<PageJob>,
    /// The weight of the pending pages: 1 for most, [`Jobs::LARGE`] for a page whose view holds
    /// a whole OOGO summary (a few megabytes as a context; 256 of them held 1 GB at once).
    weight: usize,
    flush: &'r mut dyn FnMut(Vec<PageJob>),
}

impl<'r> Jobs<'r> {
    /// Enough pages per chunk to keep both cores busy, few enough to keep memory flat.
    pub const CHUNK: usize = 256;
    /// The weight of a large page: a chunk holds eight of them.
    pub const LARGE: usize = Self::CHUNK / 8;

    pub fn new(flush: &'r mut dyn FnMut(Vec<PageJob>)) -> Jobs<'r> {
        Jobs { pending: Vec::with_capacity(Self::CHUNK), weight: 0, flush }
    }

    pub fn push(&mut self, job: PageJob) {
        self.push_weighted(job, 1);
    }

    /// A page whose view is large (see [`Jobs::LARGE`]).
    pub fn push_large(&mut self, job: PageJob) {
        self.push_weighted(job, Self::LARGE);
    }

    fn push_weighted(&mut self, job: PageJob, weight: usize) {
        self.pending.push(job);
        self.weight += weight;
        if self.weight >= Self::CHUNK {
            self.weight = 0;
            (self.flush)(std::mem::replace(&mut self.pending, Vec::with_capacity(Self::CHUNK)));
        }
    }

    /// Hand on the last pages.
    pub fn finish(mut self) {
        if !self.pending.is_empty() {
            (self.flush)(std::mem::take(&mut self.pending));
        }
    }
}
