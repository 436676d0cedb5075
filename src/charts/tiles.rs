//! The tile map: one tile per area, each a cell of a CSS grid, so its text
//! wraps and stays at full size however narrow the screen.

use super::colour::text_colour_on;

/// One area on the tile map.
#[derive(Debug, Clone)]
pub struct Tile {
    /// Grid lines count from 1.
    pub column: u32,
    pub row: u32,
    pub fill: String,
    pub text_fill: &'static str,
    pub name: String,
    /// Who led, or that the count is awaited.
    pub leader: String,
    /// Read after the name by a screen reader: ": led by", or ": " before
    /// the leader text of an area still awaited.
    pub joint: &'static str,
    pub href: String,
}

#[derive(Debug, Clone)]
pub struct TileMap {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub columns: u32,
    pub tiles: Vec<Tile>,
    /// Colour key: each leader's colour and who it stands for.
    pub key: Vec<(String, String)>,
}

pub struct TileInput {
    /// Column and row, from 0.
    pub position: (u32, u32),
    pub name: String,
    pub leader: String,
    pub colour: String,
    pub href: String,
    /// The area's count is not in yet.
    pub awaited: bool,
}

pub fn tile_map(
    id: &str,
    title: String,
    desc: String,
    inputs: Vec<TileInput>,
    key: Vec<(String, String)>,
) -> TileMap {
    let columns = inputs.iter().map(|t| t.position.0 + 1).max().unwrap_or(1);
    // Row by row, so that reading and tabbing follow the map.
    let mut inputs = inputs;
    inputs.sort_by_key(|t| (t.position.1, t.position.0));
    let tiles = inputs
        .into_iter()
        .map(|input| Tile {
            column: input.position.0 + 1,
            row: input.position.1 + 1,
            text_fill: text_colour_on(&input.colour),
            fill: input.colour,
            name: input.name,
            joint: if input.awaited { ": " } else { ": led by" },
            leader: input.leader,
            href: input.href,
        })
        .collect();
    TileMap {
        id: id.to_owned(),
        title,
        desc,
        columns,
        tiles,
        key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::colour::NEUTRAL;

    #[test]
    fn tiles_are_listed_row_by_row_as_the_map_reads() {
        let tile = |x, y| TileInput {
            position: (x, y),
            name: format!("{x},{y}"),
            leader: String::new(),
            colour: NEUTRAL.into(),
            href: String::new(),
            awaited: false,
        };
        let map = tile_map(
            "m",
            String::new(),
            String::new(),
            vec![tile(1, 2), tile(0, 0), tile(1, 0), tile(0, 1)],
            Vec::new(),
        );
        let order: Vec<&str> = map.tiles.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(order, ["0,0", "1,0", "0,1", "1,2"]);
        assert_eq!(map.columns, 2);
        assert_eq!((map.tiles[3].column, map.tiles[3].row), (2, 3));
    }
}
