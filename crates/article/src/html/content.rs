//! Finding the element that holds the article: a readability-style score.
//!
//! Every block with a sentence or more of its own text (a paragraph) gives its
//! parent a score (more for commas and length) and its grandparent half that.
//! Class words, link density and the tag adjust the score; the best-scoring
//! element is the article, joined by siblings that look like more of it. All
//! sums are taken bottom-up over the flat tree in one pass, so the cost is
//! linear in the page size whatever its depth.

use super::boilerplate::{class_hint, ClassHint};
use super::dom::{Dom, Kind, INLINE_TAGS, NONE};

/// Per-node sums the scorer and the renderer share.
pub(super) struct Stats {
    /// Text characters in the subtree, outside dropped parts.
    pub text: Vec<u32>,
    /// Of which inside links.
    pub link_text: Vec<u32>,
    /// Readability score of candidate containers (0 for non-candidates).
    pub score: Vec<f32>,
}

/// The nearest block element at or above each node (the document for top-level text).
pub(super) fn blocks(dom: &Dom<'_>) -> Vec<usize> {
    let mut block = vec![0usize; dom.nodes.len()];
    for i in 0..dom.nodes.len() {
        let parent = dom.nodes[i].parent;
        let tag = dom.tag(i);
        block[i] = if parent == NONE || (!tag.is_empty() && !INLINE_TAGS.contains(&tag)) {
            i
        } else {
            block[parent]
        };
    }
    block
}

/// Computes text sums and candidate scores.
pub(super) fn stats(dom: &Dom<'_>, dropped: &[bool], block: &[usize]) -> Stats {
    let n = dom.nodes.len();
    let mut text = vec![0u32; n];
    let mut link_text = vec![0u32; n];
    let mut own_text = vec![0u32; n];
    let mut own_commas = vec![0u32; n];
    let mut in_link = vec![false; n];
    for i in 0..n {
        let parent = dom.nodes[i].parent;
        in_link[i] = dom.tag(i) == "a" || (parent != NONE && in_link[parent]);
    }
    for i in (0..n).rev() {
        if dropped[i] {
            continue;
        }
        if let Kind::Text(t) = dom.nodes[i].kind {
            let len = t.split_whitespace().map(|w| w.chars().count() as u32 + 1).sum::<u32>();
            text[i] = len;
            if in_link[i] {
                link_text[i] = len;
            }
            let b = block[i];
            own_text[b] = own_text[b].saturating_add(len);
            own_commas[b] = own_commas[b].saturating_add(t.matches([',', '，', '、']).count() as u32);
        }
        let parent = dom.nodes[i].parent;
        if parent != NONE {
            text[parent] = text[parent].saturating_add(text[i]);
            link_text[parent] = link_text[parent].saturating_add(link_text[i]);
        }
    }

    let mut score = vec![0f32; n];
    let mut initialised = vec![false; n];
    for i in 0..n {
        if dropped[i] || block[i] != i || own_text[i] < 25 {
            continue;
        }
        let tag = dom.tag(i);
        if matches!(tag, "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "th") {
            continue;
        }
        let points = 1.0 + own_commas[i] as f32 + (own_text[i] as f32 / 100.0).min(3.0);
        // A paragraph scores for its parent and ancestors; a div with its own text also for itself.
        if !matches!(tag, "p" | "pre" | "td" | "blockquote") {
            initialise(dom, i, &mut score, &mut initialised);
            score[i] += points;
        }
        for (level, ancestor) in dom.ancestors(i).take(5).enumerate() {
            if dom.tag(ancestor).is_empty() || dropped[ancestor] {
                break;
            }
            initialise(dom, ancestor, &mut score, &mut initialised);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            score[ancestor] += points / divider;
        }
    }
    for i in 0..n {
        if initialised[i] && text[i] > 0 {
            score[i] *= 1.0 - link_text[i] as f32 / text[i] as f32;
        }
    }
    Stats { text, link_text, score }
}

/// What a chrome class costs a candidate.
const CHROME_POINTS: f32 = 25.0;

/// The points `i`'s class took off its score as chrome (negative: add them back).
fn chrome_penalty(dom: &Dom<'_>, i: usize) -> f32 {
    if class_hint(dom, i) == ClassHint::Chrome {
        -CHROME_POINTS
    } else {
        0.0
    }
}

fn initialise(dom: &Dom<'_>, i: usize, score: &mut [f32], initialised: &mut [bool]) {
    if initialised[i] {
        return;
    }
    initialised[i] = true;
    let base = match dom.tag(i) {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        "body" | "html" => -20.0,
        _ => 0.0,
    };
    let hint = match class_hint(dom, i) {
        ClassHint::Content => 25.0,
        ClassHint::Chrome => -CHROME_POINTS,
        ClassHint::Neutral => 0.0,
    };
    let itemprop = if dom.attr(i, "itemprop").is_some_and(|p| p.contains("articleBody")) {
        50.0
    } else {
        0.0
    };
    score[i] = base + hint + itemprop;
}

/// The element(s) holding the article, in document order.
pub(super) fn article_roots(dom: &Dom<'_>, dropped: &[bool], stats: &Stats) -> Vec<usize> {
    let n = dom.nodes.len();
    let mut ranked: Vec<usize> = (0..n).filter(|&i| stats.score[i] > 0.0 && !dropped[i]).collect();
    ranked.sort_by(|&a, &b| stats.score[b].total_cmp(&stats.score[a]));
    let Some(&first) = ranked.first() else {
        return dom.elements_named("body").take(1).collect();
    };
    let mut top = first;
    let top_score = stats.score[top];

    // When several strong candidates share an ancestor, the ancestor is the article (split bodies).
    let strong: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(4)
        .copied()
        .filter(|&c| stats.score[c] >= 0.75 * top_score)
        .collect();
    if strong.len() >= 2 {
        for ancestor in dom.ancestors(top) {
            if matches!(dom.tag(ancestor), "body" | "html" | "") {
                break;
            }
            let within = strong.iter().filter(|&&c| contains(dom, ancestor, c)).count();
            if within >= 2 {
                top = ancestor;
                break;
            }
        }
    }

    // Climb while the parent scores better (the article was split into parts).
    let mut last = stats.score[top];
    let threshold = last / 3.0;
    let mut parent = dom.nodes[top].parent;
    while parent != NONE && !matches!(dom.tag(parent), "body" | "html" | "") {
        // An element holding the article is not chrome, whatever its class says ("read-more"
        // expanders and paywall wrappers around the rest of the story).
        let s = stats.score[parent] - chrome_penalty(dom, parent);
        if s > 0.0 {
            if s < threshold {
                break;
            }
            if s > last {
                top = parent;
                break;
            }
            last = s;
        }
        parent = dom.nodes[parent].parent;
    }

    // Siblings that look like more of the article.
    let parent = dom.nodes[top].parent;
    if parent == NONE || matches!(dom.tag(parent), "") {
        return vec![top];
    }
    let threshold = (stats.score[top] * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or_default();
    let mut roots = Vec::new();
    let mut child = parent + 1;
    while child < dom.nodes[parent].end {
        let next = dom.nodes[child].end.max(child + 1);
        if child == top {
            roots.push(child);
        } else if !dropped[child] && dom.element(child).is_some() {
            let mut bonus = 0.0;
            if !top_class.is_empty() && dom.attr(child, "class") == Some(top_class) {
                bonus = stats.score[top] * 0.2;
            }
            let text = stats.text[child] as f32;
            let density = if text > 0.0 {
                stats.link_text[child] as f32 / text
            } else {
                1.0
            };
            let keep = stats.score[child] + bonus >= threshold
                || (dom.tag(child) == "p" && ((text > 80.0 && density < 0.25) || (text > 0.0 && density == 0.0)));
            if keep {
                roots.push(child);
            }
        }
        child = next;
    }
    roots.extend(same_template_parts(dom, dropped, stats, top, &roots));
    roots.sort_unstable();
    roots
}

/// Further parts of an article cut into chunks (by ads, pull quotes, newsletter boxes): elements
/// elsewhere on the page with the tag and `class` of the article element (up to the digits of a
/// numbered part), holding text that is mostly not links. A part under a later `<h1>` or in another `<article>` is another story (an
/// infinite-scroll page repeats the same template), not more of this one.
fn same_template_parts(dom: &Dom<'_>, dropped: &[bool], stats: &Stats, top: usize, roots: &[usize]) -> Vec<usize> {
    let Some(class) = dom.attr(top, "class").filter(|c| !c.trim().is_empty()) else {
        return Vec::new();
    };
    let tag = dom.tag(top);
    let story = nearest(dom, top, "article");
    let h1s: Vec<usize> = dom.elements_named("h1").collect();
    let inside_a_root = |i: usize| roots.iter().any(|&r| r == i || contains(dom, r, i));
    let mut parts = Vec::new();
    let mut i = 0;
    while i < dom.nodes.len() {
        let same = i != top && dom.tag(i) == tag && dom.attr(i, "class").is_some_and(|c| same_template(c, class));
        if !same || dropped[i] || inside_a_root(i) || contains(dom, i, top) {
            i += 1;
            continue;
        }
        let text = stats.text[i];
        let mostly_text = text >= 25 && stats.link_text[i] * 2 < text;
        let (from, to) = (top.min(i), top.max(i));
        let another_story =
            nearest(dom, i, "article") != story || h1s.iter().any(|&h| h > from && h < to && !contains(dom, from, h));
        if mostly_text && !another_story {
            parts.push(i);
            // Its subtree is taken whole.
            i = dom.nodes[i].end.max(i + 1);
        } else {
            i += 1;
        }
    }
    parts
}

/// Whether two `class` attributes name the same template: equal, or equal but for their digits
/// (`"body-part part-2"` and `"body-part part-5"`: numbered parts of the same block).
fn same_template(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let shape = |c: &str| {
        c.split_whitespace()
            .map(|t| t.chars().filter(|ch| !ch.is_ascii_digit()).collect::<String>())
            .collect::<Vec<_>>()
    };
    let (x, y) = (shape(a), shape(b));
    x == y && x.iter().any(|t| t.chars().count() >= 4)
}

/// The nearest ancestor (or the node itself) with this tag, `NONE` when there is none.
fn nearest(dom: &Dom<'_>, index: usize, tag: &str) -> usize {
    if dom.tag(index) == tag {
        return index;
    }
    dom.ancestors(index).find(|&a| dom.tag(a) == tag).unwrap_or(NONE)
}

fn contains(dom: &Dom<'_>, ancestor: usize, node: usize) -> bool {
    node > ancestor && node < dom.nodes[ancestor].end
}

#[cfg(test)]
mod tests {
    use super::super::boilerplate::dropped;
    use super::*;
    use scraper::Html;

    fn article_text(page: &str) -> String {
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let dropped = dropped(&dom);
        let block = blocks(&dom);
        let stats = stats(&dom, &dropped, &block);
        article_roots(&dom, &dropped, &stats)
            .iter()
            .map(|&r| dom.text(r).split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// A paragraph of story text that starts with `word`.
    fn para(word: &str) -> String {
        format!(
            "<p>{}</p>",
            format!("{word} sentence of the story, with a clause. ").repeat(8)
        )
    }

    #[test]
    fn an_article_cut_into_chunks_by_ads_is_read_whole() {
        let page = format!(
            r#"<body><h1>Headline</h1><div class="layout"><div class="grid"><div class="col"><div class="story-text">{}{}{}{}</div></div></div>
            <div class="ad-slot">Advertisement</div>
            <div class="grid"><div class="col"><div class="story-text">{}</div></div></div></div></body>"#,
            para("First"),
            para("Second"),
            para("More"),
            para("Still"),
            para("Third")
        );
        let text = article_text(&page);
        assert!(text.contains("First") && text.contains("Third"), "{text}");
        assert!(!text.contains("Advertisement"));
    }

    #[test]
    fn the_same_template_under_another_headline_is_another_story() {
        let page = format!(
            r#"<body><main><div class="page"><h1>Headline</h1><div class="story-text">{}{}</div></div>
            <div class="page"><h1>Next story</h1><div class="story-text">{}</div></div></main></body>"#,
            para("First"),
            para("Second"),
            para("Other")
        );
        let text = article_text(&page);
        assert!(text.contains("First") && !text.contains("Other"), "{text}");
    }

    #[test]
    fn numbered_parts_of_the_same_block_are_read_whole() {
        let page = format!(
            r#"<body><h1>Headline</h1><div class="wrap"><div><div class="story-part part_2">{}</div></div>
            <aside class="related"><a href="/x">Another story entirely</a></aside>
            <div><div class="story-part part_4">{}{}{}</div></div>
            <div><div class="story-block part_5">{}</div></div></div></body>"#,
            para("First"),
            para("Second"),
            para("More"),
            para("Still"),
            para("Other")
        );
        let text = article_text(&page);
        assert!(text.contains("First") && text.contains("Still"), "{text}");
        assert!(!text.contains("Another story") && !text.contains("Other"), "{text}");
        assert!(same_template("a-body x1", "a-body x12"));
        assert!(!same_template("comp mntl-block", "comp text mntl-block"));
    }
}
