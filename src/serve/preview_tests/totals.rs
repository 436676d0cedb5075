//! An election whose figures are in a sheet of area totals (`areas.csv`):
//! an edit to the sheet alone updates the preview as a full render would,
//! and a mistake in it is refused as a full load refuses it.

use super::{ELECTION, Serving, check, read, site, write};

const SHEET: &str = "content/elections/2026-exampleshire-mayor/areas.csv";

const HEADER: &str = "area,alex-rivers,sam-fields,jo-banks,second:alex-rivers,second:sam-fields";

/// The example's figures, with Alex Rivers's first preferences in the two
/// areas given.
fn sheet(north: u32, south: u32) -> String {
    format!(
        "{HEADER}\nnorth-exampleshire,{north},3870,1950,700,720\nsouth-exampleshire,{south},3640,1410,560,510\n"
    )
}

#[test]
fn an_edit_to_the_sheet_of_area_totals_gives_the_site_a_full_render_gives() {
    let temp = site();
    let site = temp.path();
    let yaml: String = read(site, ELECTION)
        .lines()
        .filter(|line| {
            !line.trim_start().starts_with("first:") && !line.trim_start().starts_with("second:")
        })
        .map(|line| match line {
            "areas:" => "area_totals: areas.csv\nareas:\n".to_owned(),
            _ => format!("{line}\n"),
        })
        .collect();
    assert!(yaml.contains("area_totals") && !yaml.contains("first:"));
    write(site, ELECTION, &yaml);
    write(site, SHEET, &sheet(4120, 3500));
    let mut serving = Serving::start(site);
    // A vote moved between areas: the totals, and the declaration, hold;
    // both area pages change.
    check(&mut serving, site, SHEET, true, || {
        write(site, SHEET, &sheet(4121, 3499));
    });
    write(site, SHEET, &sheet(4121, 3499).replace("4121", "\"4,121\""));
    serving.refuses(site, SHEET, "thousands separator");
    // Fixed: the site is the full render again, and edits are made alone.
    check(&mut serving, site, SHEET, false, || {
        write(site, SHEET, &sheet(4121, 3499));
    });
    check(&mut serving, site, SHEET, true, || {
        write(site, SHEET, &sheet(4120, 3500));
    });
}
