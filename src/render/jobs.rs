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
    /// The names of those variables.
    pub keys: Vec<String>,
    /// Interface language of the page.
    pub lang: String,
}

/// A page of `base`'s language. Its context holds only what is its own: the renderer adds the
/// base context of its language when it renders it, so that 18,000 waiting pages of a national
/// site do not each hold a copy of every interface string (issue 18).
pub(super) fn job<V: Serialize>(base: &Context, url: String, template: &'static str, title: &str, description: &str, view: &V) -> PageJob {
    let view = serde_json::to_value(view).expect("a page view serializes");
    let mut keys: Vec<String> = view.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    let mut context = Context::from_value(view).expect("a page view is a struct");
    context.insert("page", &PageMeta { titel: title, url: &url, beschrijving: description });
    keys.push("page".into());
    let lang = base.get("lang").and_then(|v| v.as_str()).unwrap_or("nl").to_string();
    PageJob { url, template, context, keys, lang }
}

/// Which pages a run of `pages::all` makes.
pub enum Wanted {
    /// Every page (a build).
    All,
    /// Only the page at this URL: the preview renders a page when a reader asks for it.
    Url(String),
    /// None: only their URLs are listed (the preview's sitemap).
    Urls,
}

/// Where the pages go as they are made: every [`Jobs::CHUNK`] pages are handed on to be
/// rendered (in parallel) and dropped, so a national site's 18,000 page contexts never wait in
/// memory all at once (issue 18). The order is kept: chunks go out in the order pages came.
///
/// Pages are added with [`Jobs::page`]: its URL first, and a closure that makes the page's
/// view, called only when the page is [`Wanted`], so that one page of a national site is made
/// without the views of the 18,000 others.
pub struct Jobs<'r> {
    wanted: Wanted,
    /// The URLs seen, for [`Wanted::Urls`].
    pub urls: Vec<String>,
    pending: Vec<PageJob>,
    flush: &'r mut dyn FnMut(Vec<PageJob>),
}

impl<'r> Jobs<'r> {
    /// Enough pages per chunk to keep both cores busy, few enough to keep memory flat.
    pub const CHUNK: usize = 256;

    pub fn new(wanted: Wanted, flush: &'r mut dyn FnMut(Vec<PageJob>)) -> Jobs<'r> {
        Jobs { wanted, urls: Vec::new(), pending: Vec::with_capacity(Self::CHUNK), flush }
    }

    /// Whether the page at `url` is to be made.
    fn wants(&mut self, url: &str) -> bool {
        match &self.wanted {
            Wanted::All => true,
            Wanted::Url(only) => only == url,
            Wanted::Urls => {
                self.urls.push(url.to_string());
                false
            }
        }
    }

    /// The page at `url`, made by `make` (given the URL) if it is wanted.
    pub fn page(&mut self, url: String, make: impl FnOnce(String) -> PageJob) {
        if self.wants(&url) {
            self.pending.push(make(url));
            if self.pending.len() >= Self::CHUNK {
                (self.flush)(std::mem::replace(&mut self.pending, Vec::with_capacity(Self::CHUNK)));
            }
        }
    }

    /// Hand on the last pages.
    pub fn finish(mut self) {
        if !self.pending.is_empty() {
            (self.flush)(std::mem::take(&mut self.pending));
        }
    }
}
