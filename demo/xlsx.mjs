// xlsx.mjs: a minimal reader for the first worksheet of an .xlsx file (a zip of XML parts),
// enough for a quick-reply export: the zip's central directory, DecompressionStream
// ('deflate-raw') for the parts, DOMParser for sharedStrings.xml and the sheet.
// Returns the rows as arrays of strings (empty cells as '').
const decoder = new TextDecoder();

function entries(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;   // the end-of-central-directory record, searched from the end (it may carry a comment)
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error('这不是有效的 XLSX 文件');
  const files = new Map();
  let p = view.getUint32(end + 16, true);
  for (let k = view.getUint16(end + 10, true); k > 0; k--) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('XLSX 文件已损坏');
    const nameLength = view.getUint16(p + 28, true);
    files.set(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)), {
      method: view.getUint16(p + 10, true), size: view.getUint32(p + 20, true), local: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  async function read(name) {
    const f = files.get(name);
    if (!f) return null;
    const start = f.local + 30 + view.getUint16(f.local + 26, true) + view.getUint16(f.local + 28, true);
    const data = bytes.subarray(start, start + f.size);
    if (f.method === 0) return decoder.decode(data);
    if (f.method !== 8) throw new Error('XLSX 文件的压缩方式不支持');
    return new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
  }
  return { names: [...files.keys()], read };
}

const xml = (s) => new DOMParser().parseFromString(s, 'application/xml');
const all = (node, tag) => [...node.getElementsByTagNameNS('*', tag)];
// The text of a string item: its <t> runs, without phonetic guides (<rPh>).
const textOf = (node) => all(node, 't').filter((t) => t.parentNode.localName !== 'rPh').map((t) => t.textContent).join('');
// "BC12" -> 54 (zero-based column)
const column = (ref) => [...(/^[A-Z]+/.exec(ref || '') || [''])[0]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

export async function readXLSX(buffer) {
  const zip = entries(new Uint8Array(buffer));
  const shared = [];
  const sst = await zip.read('xl/sharedStrings.xml');
  if (sst) for (const si of all(xml(sst), 'si')) shared.push(textOf(si));
  const sheet = zip.names.includes('xl/worksheets/sheet1.xml') ? 'xl/worksheets/sheet1.xml'
    : zip.names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).sort()[0];
  if (!sheet) throw new Error('XLSX 文件里没有工作表');
  const rows = [];
  for (const row of all(xml(await zip.read(sheet)), 'row')) {
    const cells = [];
    for (const c of all(row, 'c')) {
      const type = c.getAttribute('t');
      const v = all(c, 'v')[0]?.textContent ?? '';
      const value = type === 's' ? shared[Number(v)] ?? '' : type === 'inlineStr' ? textOf(c) : v;
      const col = column(c.getAttribute('r'));
      cells[col >= 0 ? col : cells.length] = value;
    }
    const r = Number(row.getAttribute('r')) - 1;
    rows[r >= 0 ? r : rows.length] = Array.from(cells, (x) => x ?? '');
  }
  return Array.from(rows, (r) => r ?? []);
}
