/**
 * world-atlas names countries by ISO 3166-1 numeric code; the scenario by alpha-3. This table covers
 * every country the default scenario names (hosts and node countries). Singapore and the Maldives are
 * too small for the 110m atlas: their nodes still show as markers.
 */
export const ISO_NUMERIC: Readonly<Record<string, string>> = {
  BGD: "050", BLR: "112", CHN: "156", DEU: "276", DJI: "262", EGY: "818", ETH: "231", FJI: "242",
  GRC: "300", IDN: "360", IND: "356", IRN: "364", KAZ: "398", KEN: "404", KHM: "116", LAO: "418",
  LKA: "144", MMR: "104", MNG: "496", MYS: "458", NLD: "528", PAK: "586", PHL: "608", PNG: "598",
  RUS: "643", SRB: "688", THA: "764", TUR: "792", UZB: "860", VNM: "704",
};

export const numericCodeOf = (iso3: string): string | undefined => ISO_NUMERIC[iso3];
