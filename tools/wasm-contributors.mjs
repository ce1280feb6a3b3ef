// Where the web app's bytes are: reads the wasm the compiler wrote before wasm-bindgen and
// wasm-opt (it still has the function names), sums the size of each function's code by the crate
// and module its name is in, and prints the biggest groups and the read-only data (the words of
// the two catalogues, the lessons, panic locations). `tools/wasm-size.sh` runs it after every
// release build. Node only, no other tool: it reads the wasm's import, code, data and name
// sections itself.
//
// Generic code is counted where it is defined: a Leptos view helper instantiated for one of the
// app's closures counts under `tachys` or `reactive_graph`, not under the module that wrote the
// closure. Sizes are before wasm-opt, which shrinks the code by about a fifth more; "gzipped
// alone" is each group's code gzipped on its own, a guide to its share of the download.
//
// With `--by-owner` it counts generic code where it is used instead: each function under the
// first of the app's modules its name mentions (a view helper instantiated for a closure of
// `ui::run::panel` counts there), else under "library code for library types" (instantiated by
// the app, for types that are all the libraries' own: a `Vec` of Leptos views, say) or under
// its library. That needs the names in Rust's v0 mangling, which spells out generic arguments;
// the release build uses the legacy one, so build a copy first:
//
//   RUSTFLAGS="--cfg erase_components -C symbol-mangling-version=v0" CARGO_TARGET_DIR=target/v0 \
//     cargo build --release --target wasm32-unknown-unknown --bin scalelab
//   node tools/wasm-contributors.mjs target/v0/wasm32-unknown-unknown/release/scalelab.wasm 40 --by-owner
//
// Usage: node tools/wasm-contributors.mjs [FILE.wasm] [HOW_MANY] [--by-owner]
import fs from 'node:fs';
import zlib from 'node:zlib';

const file = process.argv[2] ?? 'target/wasm32-unknown-unknown/release/scalelab.wasm';
const howMany = Number(process.argv[3] ?? 15);
const byOwner = process.argv.includes('--by-owner');
if (!fs.existsSync(file)) {
  console.log(`size: no ${file} to break down (build the release app first)`);
  process.exit(0);
}

/** The sections this breakdown needs: function bodies, data segments and their names. */
function readWasm(buf) {
  let p = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = buf[p++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const name = () => {
    const n = leb();
    const s = buf.toString('utf8', p, p + n);
    p += n;
    return s;
  };
  let importedFunctions = 0;
  const bodies = [];
  const segments = [];
  const functionNames = new Map();
  const segmentNames = new Map();
  while (p < buf.length) {
    const id = buf[p++];
    const size = leb();
    const end = p + size;
    if (id === 2) {
      for (let i = leb(); i > 0; i--) {
        name();
        name();
        const kind = buf[p++];
        if (kind === 0) {
          leb();
          importedFunctions++;
        } else if (kind === 1) {
          p++;
          if (leb() & 1) leb();
          leb();
        } else if (kind === 2) {
          if (leb() & 1) leb();
          leb();
        } else if (kind === 3) {
          p += 2;
        } else {
          leb();
        }
      }
    } else if (id === 10) {
      for (let i = leb(); i > 0; i--) {
        const n = leb();
        bodies.push(buf.subarray(p, p + n));
        p += n;
      }
    } else if (id === 11) {
      for (let i = leb(); i > 0; i--) {
        const flags = leb();
        if (flags === 2) leb();
        if (flags !== 1) while (buf[p++] !== 0x0b);
        const n = leb();
        segments.push(buf.subarray(p, p + n));
        p += n;
      }
    } else if (id === 0 && name() === 'name') {
      while (p < end) {
        const sub = buf[p++];
        const subEnd = leb() + p;
        const names = sub === 1 ? functionNames : sub === 9 ? segmentNames : null;
        if (names) for (let i = leb(); i > 0; i--) names.set(leb(), name());
        p = subEnd;
      }
    }
    p = end;
  }
  const functions = bodies.map((body, i) => ({ body, name: functionNames.get(i + importedFunctions) ?? '' }));
  const data = segments.map((bytes, i) => ({ bytes, name: segmentNames.get(i) ?? `segment ${i}` }));
  return { functions, data };
}

const ESCAPES = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

/** The crate and the module of a v0-mangled symbol (`_RNvNtCs..._4core3fmt5write`, as the
 * prebuilt standard library is mangled): enough to group it. */
function demangleV0(symbol) {
  const root = /C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(symbol);
  if (!root) return symbol;
  const path = [];
  let i = root.index + root[0].length - root[1].length;
  while (path.length < 3) {
    const digits = /^\d+/.exec(symbol.slice(i));
    if (!digits) break;
    const start = i + digits[0].length + (symbol[i + digits[0].length] === '_' ? 1 : 0);
    path.push(symbol.slice(start, start + Number(digits[0])));
    i = start + Number(digits[0]);
  }
  return path.join('::');
}

/** A legacy-mangled Rust symbol (`_ZN...E`) as a path; other names as they are. */
function demangle(symbol) {
  if (symbol.startsWith('_R')) return demangleV0(symbol);
  if (!symbol.startsWith('_ZN')) return symbol.replace(/\[[0-9a-f]+\]/g, '');
  const parts = [];
  let i = 3;
  while (i < symbol.length && symbol[i] !== 'E') {
    let j = i;
    while (symbol[j] >= '0' && symbol[j] <= '9') j++;
    if (j === i) break;
    const n = Number(symbol.slice(i, j));
    parts.push(symbol.slice(j, j + n));
    i = j + n;
  }
  return parts
    .filter((part) => !/^h[0-9a-f]{16}$/.test(part))
    .map((part) =>
      (part.startsWith('_$') ? part.slice(1) : part)
        .replace(/\$([A-Z]{1,2}|u[0-9a-f]+)\$/g, (m, e) =>
          e.startsWith('u') ? String.fromCodePoint(parseInt(e.slice(1), 16)) : ESCAPES[e] ?? m,
        )
        .replace(/\.\./g, '::'),
    )
    .join('::');
}

/** Splits at `separator` outside brackets. */
function splitTop(text, separator) {
  const out = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '(' || c === '[') depth++;
    else if ((c === '>' && text[i - 1] !== '-') || c === ')' || c === ']') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      out.push(text.slice(last, i));
      last = i + separator.length;
      i += separator.length - 1;
    }
  }
  out.push(text.slice(last));
  return out;
}

/** The module path a function belongs to: its own path, or for `<T as Trait>::f` the type's
 * path when the type is a named one, else the trait's. */
function modulePath(name) {
  const parts = splitTop(name, '::');
  if (parts[0].startsWith('<')) {
    const [self, trait] = splitTop(parts[0].slice(1, -1), ' as ');
    const type = self.replace(/^(&mut |&|\*const |\*mut |dyn )+/, '');
    const owner = /^[a-z_][a-z0-9_]*::/.test(type) || !trait ? type : trait;
    return splitTop(owner.replace(/^(&mut |&|dyn )+/, ''), '::').map((s) => s.replace(/<.*$/, ''));
  }
  const path = [];
  for (const part of parts) {
    if (part.startsWith('<impl') || part.startsWith('{{')) break;
    path.push(part.replace(/<.*$/, ''));
  }
  return path.slice(0, -1).length ? path.slice(0, -1) : path;
}

/** The group a function is counted in: the app's own crates by module and sub-module, the
 * standard library by module, any other crate as a whole. */
function group(name) {
  const path = modulePath(demangle(name));
  const crate = path[0] ?? '';
  if (!/^[a-z_][a-z0-9_]*$/.test(crate)) return '(no crate: wasm-bindgen glue, compiler intrinsics)';
  if (crate === 'scalelab' || crate === 'scalelab_core') return path.slice(0, 3).join('::');
  if (crate === 'core' || crate === 'alloc' || crate === 'std') return path.slice(0, 2).join('::');
  return crate;
}

/** With `--by-owner`: the first of the app's module paths (up to three names deep) that a
 * v0-mangled name mentions, `true` when it mentions the app only as the crate instantiating it
 * (the symbol's last path), `null` when not at all. */
function owner(symbol) {
  const found = /(13scalelab_core|8scalelab)([0-9A-Za-z_]*)/g;
  for (const m of symbol.matchAll(found)) {
    const names = [];
    let rest = m[2];
    while (rest && names.length < 3) {
      const digits = /^(\d+)_?/.exec(rest);
      if (!digits) break;
      const n = Number(digits[1]);
      names.push(rest.slice(digits[0].length, digits[0].length + n));
      rest = rest.slice(digits[0].length + n);
    }
    if (names.length) return [m[1].slice(m[1].indexOf('s')), ...names].join('::');
  }
  return /8scalelab$/.test(symbol) ? true : null;
}

const { functions, data } = readWasm(fs.readFileSync(file));
if (byOwner) {
  if (!functions.some((f) => /^_R.*8scalelab/.test(f.name))) {
    console.log('size: --by-owner needs the app built with v0 names (see the comment at the top)');
    process.exit(1);
  }
  const owners = new Map();
  const totals = { app: [], shared: [], library: [] };
  for (const { body, name } of functions.filter((f) => !f.name.startsWith('__wbindgen_describe'))) {
    const who = owner(name);
    const key =
      typeof who === 'string' ? who : who ? `library code for library types (${group(name)})` : `library ${group(name)}`;
    (typeof who === 'string' ? totals.app : who ? totals.shared : totals.library).push(body);
    const entry = owners.get(key) ?? { bytes: 0, bodies: [] };
    entry.bytes += body.length;
    entry.bodies.push(body);
    owners.set(key, entry);
  }
  const gz = (bodies) => zlib.gzipSync(Buffer.concat(bodies), { level: 9 }).length;
  const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
  const sum = (bodies) => bodies.reduce((n, b) => n + b.length, 0);
  console.log(`size: by owner, before wasm-opt (${file}): code, gzipped alone`);
  console.log(`size: ${kb(sum(totals.app))} ${kb(gz(totals.app))}  for the app's own modules and types`);
  console.log(`size: ${kb(sum(totals.shared))} ${kb(gz(totals.shared))}  library code the app instantiates for library types`);
  console.log(`size: ${kb(sum(totals.library))} ${kb(gz(totals.library))}  library code, not generic over anything of the app's`);
  const areas = new Map();
  for (const [key, { bodies }] of owners) {
    if (key.startsWith('library')) continue;
    const area = key.split('::').slice(0, 2).join('::');
    areas.set(area, [...(areas.get(area) ?? []), ...bodies]);
  }
  console.log('size: the app by area:');
  for (const [area, bodies] of [...areas].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    console.log(`size: ${kb(sum(bodies))} ${kb(gz(bodies))}  ${area}`);
  }
  console.log('size: the biggest owners:');
  for (const [key, { bytes, bodies }] of [...owners].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, howMany)) {
    console.log(`size: ${kb(bytes)} ${kb(gz(bodies))}  ${key}`);
  }
  process.exit(0);
}
const groups = new Map();
let codeBytes = 0;
// wasm-bindgen reads the `__wbindgen_describe_*` functions and removes them: they never ship.
for (const { body, name } of functions.filter((f) => !f.name.startsWith('__wbindgen_describe'))) {
  const key = group(name);
  const entry = groups.get(key) ?? { bytes: 0, bodies: [] };
  entry.bytes += body.length;
  entry.bodies.push(body);
  groups.set(key, entry);
  codeBytes += body.length;
}
const gzipped = (buffers) => zlib.gzipSync(Buffer.concat(buffers), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

console.log(`size: biggest contributors, before wasm-opt (${file}):`);
console.log(`size: ${'code'.padEnd(10)} ${'gzipped alone'.padStart(13)}  group (of ${(codeBytes / 1024).toFixed(0)} KB of code)`);
for (const [key, { bytes, bodies }] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, howMany)) {
  console.log(`size: ${kb(bytes)} ${kb(gzipped(bodies)).padStart(13)}  ${key}`);
}
for (const { bytes, name } of data.filter((d) => d.bytes.length > 1024)) {
  console.log(`size: ${kb(bytes.length)} ${kb(gzipped([bytes])).padStart(13)}  data ${name} (the catalogues' and lessons' words, panic locations)`);
}

// The standard library's float formatting (about 14 KB of code) stays out of the wasm: the app
// writes numbers through `scalelab_core::decimal`. One `{:.N}` or float `{}`, one `f64` given to
// a view's attribute as is, or one `f64::clamp` whose bounds the compiler cannot check brings it
// all back; this names it and fails, and `tools/wasm-size.sh` with it.
const floatFormatting = functions.filter((f) => /core3fmt5float|flt2dec/.test(f.name));
if (floatFormatting.length) {
  const bytes = floatFormatting.reduce((n, f) => n + f.body.length, 0);
  console.log(
    `size: the standard library's float formatting is in the wasm (${kb(bytes).trim()} of code, ` +
      `${floatFormatting.length} functions): write numbers with scalelab_core::decimal (Fixed, Shortest, Within)`,
  );
  process.exitCode = 1;
}
