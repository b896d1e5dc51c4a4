//! Page chrome: navigation, share/subscribe boilerplate, media captions and player controls.

const NAV_WORDS: &[&str] = &[
    "home",
    "menu",
    "search",
    "sign in",
    "log in",
    "login",
    "log out",
    "sign up",
    "register",
    "subscribe",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "skip to footer",
    "toggle menu",
    "close",
    "open menu",
    "main menu",
    "navigation",
    "sections",
    "more",
    "advertisement",
    "account",
    "my account",
    "share",
    "print",
    "email",
    "newsletters",
    "top stories",
];

/// Breadcrumbs ("Home | Politics | World", "News > US"), menu words and other chrome.
pub(super) fn is_navigation(line: &str) -> bool {
    if line.len() > 300 {
        return false;
    }
    let lower = line.to_lowercase();
    if NAV_WORDS.contains(&lower.trim_end_matches(['.', ':'])) {
        return true;
    }
    for sep in [" | ", " > ", " » ", " › ", " / ", " · ", " • "] {
        if line.contains(sep) {
            let mut parts = line.split(sep);
            let short = parts.all(|p| p.split_whitespace().count() <= 3);
            if short && line.split(sep).count() >= 2 {
                return true;
            }
        }
    }
    false
}

const BOILERPLATE_PREFIXES: &[&str] = &[
    "share this",
    "share on",
    "share article",
    "subscribe",
    "sign up for",
    "sign up to",
    "newsletter",
    "follow us",
    "©",
    "(c) ",
    "copyright",
    "all rights reserved",
    "read more",
    "related:",
    "related stories",
    "related articles",
    "more from",
    "click here",
    "advertisement",
    "comments",
    "leave a comment",
    "tags:",
    "topics:",
    "filed under",
    "get our",
    "download our app",
    "view comments",
    "print this",
    "email this",
    "tweet",
    "this article was",
    "join our",
    "support our",
    "you might also like",
    "recommended",
    "most read",
    "trending",
];

/// Lines that end a page: share and subscribe prompts, copyright, related links, social buttons.
pub(super) fn is_boilerplate(line: &str) -> bool {
    if line.len() > 400 {
        return false;
    }
    let lower = line.to_lowercase();
    let lower = lower.trim();
    lower.is_empty()
        || is_navigation(line)
        || (lower.split_whitespace().count() <= 16 && BOILERPLATE_PREFIXES.iter().any(|p| lower.starts_with(p)))
        || lower.contains("all rights reserved")
        || is_consent(lower)
        || matches!(
            lower,
            "facebook" | "twitter" | "x" | "linkedin" | "whatsapp" | "reddit" | "email" | "print" | "copy link"
        )
}

/// A line after which a page prints no more of the story: share prompts, post navigation, related links,
/// tags, comments.
pub(super) fn ends_article(line: &str) -> bool {
    let lower = line.to_lowercase();
    let lower = lower.trim().trim_end_matches([':', '.']);
    matches!(
        lower,
        "share this"
            | "share this article"
            | "share this story"
            | "post navigation"
            | "leave a comment"
            | "leave a reply"
            | "about the author"
    ) || lower.starts_with("filed under")
        || lower.starts_with("tags:")
}

/// A cookie-consent notice: "We use cookies and other tracking technologies to improve your browsing…".
fn is_consent(lower: &str) -> bool {
    lower.contains("cookies")
        && ["we use", "consent", "accept", "browsing experience", "privacy policy"]
            .iter()
            .any(|w| lower.contains(w))
}

/// Chrome that sits inside an article's text: ad markers, media captions and player controls, image names.
pub(super) fn is_inline_chrome(line: &str) -> bool {
    if line.len() > 600 {
        return false;
    }
    let lower = line.to_lowercase();
    let lower = lower.trim();
    if (line.len() <= 400 && disclaimer_in(lower)) || is_widget_text(lower) {
        // Before the length check: an affiliate note runs to several sentences.
        return true;
    }
    if line.len() > 200 {
        return false;
    }
    if matches!(
        lower,
        "advertisement"
            | "share this article"
            | "share"
            | "story continues below advertisement"
            | "article continues below advertisement"
            | "continue reading below"
            | "play"
            | "pause"
            | "watch"
            | "cc"
            | "show caption"
            | "hide caption"
            | "enlarge this image"
            | "toggle caption"
            | "expand"
            | "loading..."
            | "ad"
            | "sponsored"
    ) {
        return true;
    }
    const CAPTION_PREFIXES: &[&str] = &[
        "image for article titled",
        "photo:",
        "photo by",
        "photograph:",
        "image:",
        "image credit",
        "credit:",
        "getty images",
        "(photo",
        "[image",
        "[photo",
        "video:",
        "listen to this article",
        "reading time",
    ];
    if CAPTION_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // A caption that ends in its credit: "Senators applaud after the vote. Photo: AP".
    const CREDITS: &[&str] = &[
        "photo:",
        "photograph:",
        "credit:",
        "getty images",
        "ap photo",
        "photo by",
        "image:",
    ];
    if lower.split_whitespace().count() <= 50 && CREDITS.iter().any(|c| lower.contains(c)) {
        return true;
    }
    // Image names and bracketed ids that renderers print for pictures and embeds: "hero-1x1.jpg", "[7200373700]".
    let single = !lower.contains(' ');
    (single
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"]
            .iter()
            .any(|e| lower.ends_with(e)))
        || (lower.starts_with('[') && lower.ends_with(']') && lower.split_whitespace().count() <= 3)
        || lower.chars().all(|c| !c.is_alphanumeric())
}

/// What a page's players, embeds, sign-in boxes and review badges print in place of or beside them: "To view
/// this video please enable JavaScript", "Your browser does not support the <audio> element.", "View full post on
/// Youtube", "Sign in with Google", "Opens in a new window", "Health's editorial guidelines".
fn is_widget_text(lower: &str) -> bool {
    let short = lower.split_whitespace().count() <= 8;
    [
        "please enable javascript",
        "browser does not support the",
        "browser doesn't support the",
        "view full post on",
        "sign in with google",
        "sign in with email",
        "opens in a new window",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || (short
            && ["editorial guidelines", "fact checking process", "fact-checking process"]
                .iter()
                .any(|p| lower.ends_with(p)))
        || (lower.contains("reviewed according to") && lower.contains("editorial process"))
}

/// Affiliate and market-data disclaimers that pages print above or inside articles.
pub(super) fn is_disclaimer(line: &str) -> bool {
    line.len() <= 400 && disclaimer_in(&line.to_lowercase())
}

fn disclaimer_in(lower: &str) -> bool {
    [
        "we may earn",
        "may receive a small commission",
        "may earn an affiliate commission",
        "may earn a commission",
        "we may receive compensation",
        "constitutes acceptance of our",
        "may not be reproduced",
        "quotes displayed in real-time",
        "delayed by at least 15 minutes",
        "this post may contain affiliate links",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_kinds() {
        assert!(is_navigation("Home | Politics | World"));
        assert!(!is_navigation(
            "Senate passes border funding bill | Capitol Ledger news"
        ));
        assert!(is_boilerplate("© 2024 Capitol Ledger. All rights reserved."));
        assert!(is_inline_chrome("Photo: AP"));
        assert!(is_inline_chrome("fantasybaseball-180x100.png"));
        assert!(is_inline_chrome("━━━━━━━━"));
        assert!(!is_inline_chrome("The Senate voted 52-48."));
    }

    #[test]
    fn long_affiliate_and_legal_notes_are_chrome() {
        let page = "Home | News | Sports\n\n  • Local\n  • Politics\n\nNine officers sworn in\n\nBy Jo Roe\n\nNine new officers have joined the city police department after a ceremony on Wednesday.\n\nThe officers, who finished the academy in November, will start patrols next week across the city's four districts.\n\nIf you purchase a product or register for an account through a link on our site, we may receive compensation. By using this site, you consent to our User Agreement and agree that your clicks, interactions, and personal information may be collected, recorded, and/or stored by us and social media and other third-party partners in accordance with our Privacy Policy.\n\nFooter\n\n  • About us\n  • Contact\n\nUse of and/or registration on any portion of this site constitutes acceptance of our User Agreement, Privacy Policy and Cookie Statement, and your rights under the consumer privacy acts of several states, which are described in detail on the pages linked from this notice.\n\nThe material on this site may not be reproduced, distributed, transmitted, cached or otherwise used, except with the prior written permission of the publisher and its licensors.\n";
        let a = crate::text::read_text(page, false);
        assert_eq!(a.headline, "Nine officers sworn in");
        assert!(a.body.starts_with("Nine new officers"), "{}", a.body);
        assert!(a.body.ends_with("four districts."), "{}", a.body);
        assert!(is_inline_chrome(
            "If you purchase a product or register for an account through a link on our site, we may receive compensation. By using this site, you consent to our User Agreement and agree that your clicks, interactions, and personal information may be collected, recorded, and/or stored by us and social media and other third-party partners in accordance with our Privacy Policy."
        ));
    }

    #[test]
    fn player_and_sign_in_text_is_chrome() {
        for text in [
            "To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video",
            "Your browser does not support the <audio> element.",
            "youtubeView full post on Youtube",
            "Sign in with Google Sign in with Facebook Sign in with Twitter",
            "emaillink opens in a new window",
            "Health's editorial guidelines",
            "This article has been reviewed according to Science X's editorial process and policies.",
        ] {
            assert!(is_inline_chrome(text), "{text}");
        }
        assert!(!is_inline_chrome(
            "The broadcaster said the interview breached its editorial guidelines and apologised to viewers on Monday."
        ));
        let page = "Home | Tech | Science\n\nBrowser makers agree on a new video format\n\nBy Jo Roe\n\nThe companies behind the four largest browsers said on Monday they would support a new video format next year.\n\nTo view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video\n\nThe format compresses pictures better than the ones in use today, the companies said, and needs no licence fees.\n";
        let a = crate::text::read_text(page, false);
        assert!(a.body.contains("needs no licence fees."), "{}", a.body);
        assert!(!a.body.contains("enable JavaScript"), "{}", a.body);
    }
}
