// Parse a GIFT file with gift-pegjs (the tests' independent GIFT reader) and print its
// questions as JSON: node parse_gift.cjs FILE.gift
const fs = require("fs");
const { parse } = require("gift-pegjs");
process.stdout.write(JSON.stringify(parse(fs.readFileSync(process.argv[2], "utf8"))));
