/**
 * Map geometry: world-atlas countries through topojson-client, projected by d3-geo onto a fixed
 * world plane the camera then pans and zooms over.
 */
import { geoContains, geoNaturalEarth1, type GeoProjection } from "d3-geo";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";

export const WORLD_WIDTH = 2000;
export const WORLD_HEIGHT = 1150;

/** Europe, Africa east of the Gulf of Guinea, Asia and the South Pacific reach of the Maritime Silk Road. */
const FRAME: Feature<Geometry> = {
  type: "Feature",
  properties: {},
  geometry: { type: "MultiPoint", coordinates: [[-12, 62], [-12, -36], [179, -36], [179, 62], [95, 72], [40, 70]] },
};

export function makeProjection(): GeoProjection {
  return geoNaturalEarth1().rotate([-80, 0]).fitExtent([[20, 20], [WORLD_WIDTH - 20, WORLD_HEIGHT - 20]], FRAME);
}

export interface Country {
  /** ISO 3166-1 numeric code, as world-atlas names it. */
  id: string;
  name: string;
  feature: Feature<Polygon | MultiPolygon>;
  /** Projected rings, each a flat list [x0, y0, x1, y1, ...]; the first ring of each polygon is its outline. */
  rings: number[][];
}

type CountryTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

export type CountriesResult = { ok: true; value: Country[] } | { ok: false; error: string };

export function readCountries(topology: unknown, projection: GeoProjection): CountriesResult {
  const t = topology as Partial<CountryTopology> | null;
  if (typeof t !== "object" || t === null || t.type !== "Topology" || !t.objects?.countries) {
    return { ok: false, error: "map geometry: expected a world-atlas TopoJSON with a countries object" };
  }
  const collection = feature(t as CountryTopology, t.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const countries: Country[] = [];
  for (const f of collection.features) {
    if (!f.geometry || (f.geometry.type !== "Polygon" && f.geometry.type !== "MultiPolygon")) continue;
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const rings: number[][] = [];
    for (const polygon of polygons) {
      const outline = polygon[0];
      if (!outline) continue;
      const ring = projectRing(outline, projection);
      if (ring.length >= 6) rings.push(ring);
    }
    if (rings.length === 0) continue;
    countries.push({ id: String(f.id ?? ""), name: f.properties?.name ?? "", feature: f as Feature<Polygon | MultiPolygon>, rings });
  }
  return { ok: true, value: countries };
}

/**
 * A ring projected to the plane. Rings that cross the projection's back meridian (Russia, Fiji)
 * would streak across the map: a jump wider than half the world breaks the ring there and only
 * the longer part is kept, which is the part on our side of the cut.
 */
function projectRing(ring: ReadonlyArray<ReadonlyArray<number>>, projection: GeoProjection): number[] {
  const parts: number[][] = [[]];
  let lastX: number | null = null;
  for (const position of ring) {
    const p = projection([position[0] ?? 0, position[1] ?? 0]);
    if (!p) continue;
    if (lastX !== null && Math.abs(p[0] - lastX) > WORLD_WIDTH / 2) parts.push([]);
    parts[parts.length - 1]?.push(p[0], p[1]);
    lastX = p[0];
  }
  return parts.reduce((a, b) => (b.length > a.length ? b : a), []);
}

/** The country under a point of the world plane, if any. */
export function countryAt(countries: ReadonlyArray<Country>, projection: GeoProjection, x: number, y: number): Country | undefined {
  const lonLat = projection.invert?.([x, y]);
  if (!lonLat) return undefined;
  return countries.find((c) => geoContains(c.feature, lonLat));
}
