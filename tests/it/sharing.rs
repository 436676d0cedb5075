//! Sharing: each election's result card (a PNG named in `og:image`), and
//! people's photos with their alt text and size, on the photos fixture
//! site (`tests/fixtures/sites/photos`, a generated image) and small inline
//! sites.

use std::fs;
use std::path::Path;

use crate::common::{TestSite, attribute_values};
use psephos::load::load_site;
use psephos::pages::election_card;

const BASE_URL: &str = "https://results.example.org/testshire/";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sites")
        .join(name)
}

/// The site of the fixture `name`, published at `BASE_URL`, built in a
/// scratch folder.
fn built(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let temp = crate::common::temp_dir(name);
    let site = temp.path().join("site");
    for (path, bytes) in crate::common::tree(&fixture(name)) {
        let to = site.join(path);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::write(to, bytes).unwrap();
    }
    let settings = site.join("content/site.yaml");
    let yaml = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, format!("{yaml}base_url: {BASE_URL}\n")).unwrap();
    let out = temp.path().join("public");
    psephos::build::build(
        &site,
        &out,
        psephos::build::Overwrite::OwnOutput,
        &psephos::build::Quiet,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (temp, out)
}

/// The content of `<meta property=NAME>` (or `name=`) on a page.
fn meta<'h>(html: &'h str, name: &str) -> Option<&'h str> {
    let at = html
        .find(&format!("property=\"{name}\""))
        .or_else(|| html.find(&format!("name=\"{name}\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    Some(&rest[start..start + rest[start..].find('"')?])
}

#[test]
fn an_election_page_names_its_card_which_is_a_png_of_1200_by_630() {
    let (_temp, out) = built("photos");
    let page = fs::read_to_string(out.join("elections/2026-testshire-mayor/index.html")).unwrap();
    let url = meta(&page, "og:image").expect("og:image");
    let path = url
        .strip_prefix("https://results.example.org/testshire/")
        .expect("an absolute address under base_url");
    assert!(
        path.starts_with("elections/2026-testshire-mayor/card."),
        "{path}"
    );
    assert_eq!(meta(&page, "og:image:width"), Some("1200"));
    assert_eq!(meta(&page, "og:image:height"), Some("630"));
    assert_eq!(meta(&page, "twitter:card"), Some("summary_large_image"));
    let alt = meta(&page, "og:image:alt").unwrap();
    assert!(
        alt.contains("Ann Ash (Red Party) is elected at the second count"),
        "{alt}"
    );

    let decoder = png::Decoder::new(std::io::Cursor::new(fs::read(out.join(path)).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).expect("its pixels decode");
    assert_eq!((frame.width, frame.height), (1200, 630));
    assert!(
        pixels.iter().any(|&b| b != 255),
        "something is drawn on the white"
    );
}

#[test]
fn without_a_base_url_no_card_is_drawn_or_named() {
    let site = TestSite::standard("no-base-url");
    site.built();
    let page = site.page("elections/2026-testshire-mayor/index.html");
    assert_eq!(
        meta(&page, "og:image"),
        None,
        "Open Graph takes absolute addresses only"
    );
    assert_eq!(meta(&page, "twitter:card"), None);
    let cards: Vec<_> = fs::read_dir(site.out().join("elections/2026-testshire-mayor"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("card.") && name.ends_with(".png"))
        .collect();
    assert_eq!(cards, Vec::<String>::new(), "nothing could show a card");
}

#[test]
fn og_tags_are_escaped() {
    let site = TestSite::standard("og-escaped");
    site.write(
        "content/site.yaml",
        "title: T\npublisher: P\nbase_url: https://results.example.org/\n",
    );
    let yaml = fs::read_to_string(
        site.root
            .join("content/elections/2026-testshire-mayor/election.yaml"),
    )
    .unwrap()
    .replace(
        "title: 2026 Testshire mayoral election",
        "title: \"Mayor \\\"<b>&</b>\\\"\"",
    );
    site.write(
        "content/elections/2026-testshire-mayor/election.yaml",
        &yaml,
    );
    site.built();
    let page = site.page("elections/2026-testshire-mayor/index.html");
    let alt = meta(&page, "og:image:alt").unwrap();
    assert!(
        alt.starts_with("Mayor &#34;&#60;b&#62;&#38;&#60;/b&#62;&#34;: "),
        "{alt}"
    );
    assert!(!page.contains("<b>"));
}

#[test]
fn a_card_names_the_winner_only_when_declared() {
    let entries: Vec<_> = ["results-night", "photos"]
        .into_iter()
        .flat_map(|name| load_site(&fixture(name)).unwrap().elections)
        .collect();
    for entry in &entries {
        let card = election_card(entry);
        let election = &entry.loaded.election;
        for word in election.title.split_whitespace() {
            assert!(card.svg.contains(word), "the title's {word}: {}", card.svg);
        }
        let named: Vec<_> = election
            .candidates
            .iter()
            .filter(|c| card.svg.contains(&c.name))
            .map(|c| c.name.as_str())
            .collect();
        match entry.loaded.outcome.winner() {
            None => {
                assert!(named.is_empty(), "a counting card names {named:?}");
                assert!(card.svg.contains(">Counting: provisional figures</text>"));
                assert!(card.alt.contains("Counting: provisional figures"));
            }
            Some(winner) => {
                let name = &election.candidate(winner).unwrap().name;
                assert!(
                    card.svg.contains(&format!(">{name}</text>")),
                    "{}",
                    card.svg
                );
                assert!(!card.svg.contains("Counting"));
            }
        }
    }
    assert!(
        entries.iter().any(|e| e.loaded.outcome.is_counting())
            && entries.iter().any(|e| !e.loaded.outcome.is_counting()),
        "the fixture has both"
    );
}

#[test]
fn a_photo_is_shown_with_its_alt_text_and_size_on_person_and_candidate_pages() {
    let (_temp, out) = built("photos");
    for page in [
        "people/ann-ash/index.html",
        "elections/2026-testshire-mayor/candidates/ann-ash/index.html",
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        let img = &html[html.find("<img class=\"photo\"").expect(page)..];
        let img = &img[..img.find('>').unwrap()];
        assert!(
            img.contains(
                "alt=\"Ann Ash &#60;in a &#34;green&#34; coat&#62; &#38; hat, drawn as a green square\""
            ),
            "{img}"
        );
        assert!(img.contains("width=\"240\" height=\"300\""), "{img}");
        assert_eq!(
            attribute_values(img, "src"),
            ["https://results.example.org/testshire/img/ann-ash.png"]
        );
    }
    assert!(
        out.join("img/ann-ash.png").is_file(),
        "the photo is published"
    );
}

/// A site whose profile gives `front` as front matter, with `files` in
/// `static/`; its errors.
fn photo_errors(name: &str, front: &str, files: &[(&str, &[u8])]) -> Vec<String> {
    let site = TestSite::standard(name);
    for (path, bytes) in files {
        let path = site.root.join("static").join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    site.write(
        "content/people/ann-ash.md",
        &format!("---\nname: Ann Ash\n{front}---\nText.\n"),
    );
    site.errors()
}

#[test]
fn photo_mistakes_are_placed_in_the_front_matter() {
    let png = fs::read(fixture("photos").join("static/img/ann-ash.png")).unwrap();
    // Each case: its name, the profile's front matter, static files, the
    // error.
    type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a [u8])>, &'a str);
    let cases: [Case; 6] = [
        (
            "missing",
            "photo: img/gone.png\nphoto_alt: Ann\n",
            vec![],
            "content/people/ann-ash.md:3:8: photo: there is no file static/img/gone.png",
        ),
        (
            "no-alt",
            "photo: img/ann.png\n",
            vec![("img/ann.png", &png)],
            "content/people/ann-ash.md:3:8: photo: a photo needs its alt text, `photo_alt:`, for readers who cannot see it",
        ),
        (
            "empty-alt",
            "photo: img/ann.png\nphoto_alt: \"\"\n",
            vec![("img/ann.png", &png)],
            "content/people/ann-ash.md:4:12: photo_alt: this must not be empty",
        ),
        (
            "bmp",
            "photo: img/ann.bmp\nphoto_alt: Ann\n",
            vec![("img/ann.bmp", b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\x18\0\0\0\0\0\x04\0\0\0")],
            "content/people/ann-ash.md:3:8: photo: static/img/ann.bmp is a Bmp image, which browsers do not all show",
        ),
        (
            "not-an-image",
            "photo: img/ann.jpg\nphoto_alt: Ann\n",
            vec![("img/ann.jpg", b"this is not a picture")],
            "content/people/ann-ash.md:3:8: photo: static/img/ann.jpg could not be read as an image",
        ),
        (
            "web-address",
            "photo: https://example.org/ann.jpg\nphoto_alt: Ann\n",
            vec![],
            "content/people/ann-ash.md:3:8: photo: `https://example.org/ann.jpg` is a web address; a photo must be a file in static/",
        ),
    ];
    for (name, front, files, expected) in cases {
        let errors = photo_errors(name, front, &files);
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert!(errors[0].starts_with(expected), "{name}: {errors:?}");
    }
}
