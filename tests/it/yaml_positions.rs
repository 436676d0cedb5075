//! The one-pass position index agrees with serde_yaml's own positions for
//! every key and value of every YAML file in the fixtures and the example.

use std::path::Path as FsPath;

use psephos::yaml::{self, Node, Path, Positions, Target};

/// Every path in a document, with whether it names a key too.
fn paths(node: &Node, here: Path, out: &mut Vec<(Path, bool)>) {
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                let path = here.key(key);
                out.push((path.clone(), true));
                paths(value, path, out);
            }
        }
        Node::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = here.index(i);
                out.push((path.clone(), false));
                paths(item, path, out);
            }
        }
        _ => {}
    }
}

fn yaml_files(dir: &FsPath, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn the_index_places_every_key_and_value_where_serde_yaml_does() {
    let root = FsPath::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    yaml_files(&root.join("content"), &mut files);
    let (mut documents, mut compared) = (0, 0);
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(node) = yaml::parse(&text) else {
            continue;
        };
        documents += 1;
        let positions = Positions::of(&text);
        let mut all = vec![(Path::root(), false)];
        paths(&node, Path::root(), &mut all);
        // Paths that lead nowhere too: a missing key or item under each
        // node, which serde_yaml places at the deepest node that exists.
        let missing: Vec<(Path, bool)> = all
            .iter()
            .flat_map(|(path, _)| {
                [
                    (path.key("\u{1}missing"), true),
                    (path.index(99_999), false),
                ]
            })
            .collect();
        for (path, is_key) in all.into_iter().chain(missing) {
            let mut targets = vec![Target::Value];
            if is_key {
                targets.push(Target::Key);
            }
            // An index of this path alone (and what leads to it) agrees too.
            let alone = Positions::of_paths(&text, [&path]);
            for target in targets {
                let expected = yaml::locate(&text, &path, target);
                for index in [&positions, &alone] {
                    assert_eq!(
                        index.locate(&text, &path, target),
                        expected,
                        "{}: {path} ({target:?})",
                        file.display()
                    );
                }
                compared += 1;
            }
        }
    }
    assert!(documents > 50, "only {documents} documents read");
    assert!(compared > 2_000, "only {compared} positions compared");
    eprintln!("{documents} documents, {compared} positions");
}

#[test]
fn the_index_knows_block_and_flow_styles_without_asking_serde_yaml() {
    let text = "a:\n  - {x: 1, y: [2, 3]}\n  - x: 4\n    y: 5\nb: c\n";
    let positions = Positions::of(text);
    // Each of these is answered from the index; compare with the slow way.
    let a = Path::root().key("a");
    for (path, target) in [
        (a.index(0).key("y").index(1), Target::Value),
        (a.index(1).key("y"), Target::Key),
        (a.index(1), Target::Value),
        (Path::root().key("b"), Target::Value),
    ] {
        assert_eq!(
            positions.locate("", &path, target),
            yaml::locate(text, &path, target),
            "{path}"
        );
    }
}
