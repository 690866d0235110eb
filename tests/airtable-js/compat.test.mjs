// Drives PyAirtable's /v0 API with the official Airtable.js client, unchanged, to prove that code
// written for api.airtable.com works against a local base. Results are TAP on stdout; the exit
// code is non-zero when any test fails.
//
// Environment:
//   PYAIRTABLE_URL         the server, e.g. http://127.0.0.1:5000 (Airtable.js adds /v0)
//   PYAIRTABLE_KEY         an API key with read, write and admin scopes on the base's workspace
//   PYAIRTABLE_READ_KEY    a read-only API key of the same workspace
//   PYAIRTABLE_BASE        a base with the two tables below
//   PYAIRTABLE_LIST_TABLE  an empty table the suite fills once, then only reads (default "Listing")
//   PYAIRTABLE_WRITE_TABLE a table the write and error tests use (default "Writes")
// Both tables have these fields (Airtable's create-table body), Name first as the primary field:
//   Name singleLineText; Notes multilineText; Points number {precision: 0};
//   Status singleSelect {choices: Todo, Doing, Done}; Done checkbox; Due date {dateFormat: iso};
//   When dateTime {dateFormat: iso, timeFormat: 24hour, timeZone: client};
//   Tags multipleSelects {choices: api, docs}; Double formula {formula: "{Points} * 2"}.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import Airtable from 'airtable';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    console.error(`Set ${name}; see the header of compat.test.mjs.`);
    process.exit(2);
  }
  return value;
};

const url = env('PYAIRTABLE_URL').replace(/\/+$/, '');
const key = env('PYAIRTABLE_KEY');
const readKey = env('PYAIRTABLE_READ_KEY');
const baseId = env('PYAIRTABLE_BASE');
const listTable = env('PYAIRTABLE_LIST_TABLE', 'Listing');
const writeTable = env('PYAIRTABLE_WRITE_TABLE', 'Writes');

// Airtable.js retries a 429 forever with backoff; a test must fail instead of hanging. Requests
// are also cut off well before the per-test timeout so a stuck server reports which call hung.
const client = (apiKey, endpointUrl = url) => new Airtable({ apiKey, endpointUrl, noRetryIfRateLimited: true, requestTimeout: 20_000 });
const base = client(key).base(baseId);
const readOnlyBase = client(readKey).base(baseId);
const options = { timeout: 30_000 };

// A last resort if something ignores both timeouts: never let CI wait on this suite.
setTimeout(() => {
  console.error('# the Airtable.js suite did not finish in 5 minutes');
  process.exit(1);
}, 300_000).unref();

/** Calls fn and returns the AirtableError it rejects with; fails if it resolves. */
async function failure(fn) {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail');
}

function assertAirtableError(error, type, statusCode) {
  assert.equal(error?.constructor?.name, 'AirtableError', `expected an AirtableError, got ${error}`);
  assert.equal(error.error, type, `error type: ${error.message}`);
  assert.equal(error.statusCode, statusCode, `statusCode of ${error.error}: ${error.message}`);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
}

/** The meta API is outside Airtable.js's reach (it prefixes the base id), so plain fetch. */
async function tables() {
  const response = await fetch(`${url}/v0/meta/bases/${baseId}/tables`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(response.status, 200);
  return (await response.json()).tables;
}

const names = (records) => records.map((r) => r.get('Name'));

// 25 records: R01..R25, Points = n, Status cycles Todo/Doing/Done, Done on even n, Tags on n % 3.
const seed = Array.from({ length: 25 }, (_, i) => {
  const n = i + 1;
  const fields = {
    Name: `R${String(n).padStart(2, '0')}`,
    Points: n,
    Status: ['Todo', 'Doing', 'Done'][n % 3],
    Due: `2024-01-${String(n).padStart(2, '0')}`,
    When: `2024-01-${String(n).padStart(2, '0')}T15:04:00.000Z`,
  };
  if (n % 2 === 0) fields.Done = true;
  if (n % 3 === 0) fields.Tags = ['api', 'docs'];
  if (n === 1) fields.Notes = 'first\nrecord';
  return fields;
});

describe('reading with select()', () => {
  const table = base(listTable);
  let ids = [];

  before(async () => {
    const existing = await table.select({ maxRecords: 1 }).firstPage();
    assert.equal(existing.length, 0, `the ${listTable} table must start empty`);
    for (let i = 0; i < seed.length; i += 10) {
      const created = await table.create(seed.slice(i, i + 10).map((fields) => ({ fields })));
      ids.push(...created.map((r) => r.id));
    }
  });

  it('all() returns every record as Airtable Records with ids and createdTime', options, async () => {
    const records = await table.select({ sort: [{ field: 'Points' }] }).all();
    assert.equal(records.length, 25);
    assert.deepEqual(records.map((r) => r.id), ids);
    const first = records[0];
    assert.match(first.id, /^rec[A-Za-z0-9]{14}$/);
    assert.match(first._rawJson.createdTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(first.get('Name'), 'R01');
    assert.equal(first.get('Notes'), 'first\nrecord');
    assert.equal(first.get('Points'), 1);
    assert.equal(first.get('Status'), 'Doing');
    assert.equal(first.get('Due'), '2024-01-01');
    assert.equal(first.get('When'), '2024-01-01T15:04:00.000Z');
    assert.equal(first.get('Double'), 2);
    // Airtable leaves empty cells out of fields: false checkboxes, empty selects, no notes.
    assert.equal(first.get('Done'), undefined);
    assert.equal('Done' in first.fields, false);
    assert.equal('Tags' in first.fields, false);
    assert.equal(records[1].get('Done'), true);
    assert.deepEqual(records[2].get('Tags'), ['api', 'docs']);
  });

  it('fields returns only the named fields', options, async () => {
    const records = await table.select({ fields: ['Name', 'Points'] }).all();
    assert.equal(records.length, 25);
    for (const record of records) {
      assert.deepEqual(Object.keys(record.fields).sort(), ['Name', 'Points']);
    }
  });

  it('filterByFormula keeps only the records the formula passes', options, async () => {
    const records = await table.select({ filterByFormula: "AND({Points} > 10, {Status} = 'Done', NOT({Done}))", sort: [{ field: 'Points' }] }).all();
    const expected = seed.filter((f) => f.Points > 10 && f.Status === 'Done' && !f.Done).map((f) => f.Name);
    assert.deepEqual(names(records), expected);
    assert.ok(expected.length > 0);
  });

  it('filterByFormula in pyairtable\'s dialect: single quotes, escapes, FIND and TRUE()', options, async () => {
    const records = await table.select({ filterByFormula: "OR(FIND('R2', {Name}), {Name} = 'R\\'s')", sort: [{ field: 'Name', direction: 'asc' }] }).all();
    assert.deepEqual(names(records), ['R20', 'R21', 'R22', 'R23', 'R24', 'R25']);
    const checked = await table.select({ filterByFormula: '{Done} = TRUE()' }).all();
    assert.equal(checked.length, 12);
  });

  it('maxRecords caps the total across pages', options, async () => {
    assert.equal((await table.select({ maxRecords: 7 }).all()).length, 7);
    const pages = [];
    await table.select({ maxRecords: 7, pageSize: 3 }).eachPage((records, next) => {
      pages.push(records.length);
      next();
    });
    assert.deepEqual(pages, [3, 3, 1]);
  });

  it('eachPage walks several pages of pageSize with opaque offsets and no repeats', options, async () => {
    const pages = [];
    await table.select({ pageSize: 10, sort: [{ field: 'Points', direction: 'desc' }] }).eachPage((records, next) => {
      pages.push(names(records));
      next();
    });
    assert.deepEqual(pages.map((p) => p.length), [10, 10, 5]);
    assert.deepEqual(pages.flat(), seed.map((f) => f.Name).reverse());
  });

  it('eachPage with a filter and fields keeps both on every page', options, async () => {
    const seen = [];
    await table.select({ pageSize: 2, filterByFormula: '{Points} <= 5', fields: ['Name'] }).eachPage((records, next) => {
      for (const record of records) {
        assert.deepEqual(Object.keys(record.fields), ['Name']);
        seen.push(record.get('Name'));
      }
      next();
    });
    assert.deepEqual(seen.sort(), ['R01', 'R02', 'R03', 'R04', 'R05']);
  });

  it('firstPage() returns one page: pageSize records, or up to 100 by default', options, async () => {
    assert.equal((await table.select({ pageSize: 5 }).firstPage()).length, 5);
    assert.equal((await table.select().firstPage()).length, 25);
  });

  it('sort takes several fields with directions', options, async () => {
    const records = await table.select({ sort: [{ field: 'Done', direction: 'desc' }, { field: 'Points', direction: 'asc' }] }).all();
    const expected = [...seed].sort((a, b) => Number(!!b.Done) - Number(!!a.Done) || a.Points - b.Points).map((f) => f.Name);
    assert.deepEqual(names(records), expected);
    const byName = await table.select({ sort: [{ field: 'Name', direction: 'desc' }], maxRecords: 3 }).all();
    assert.deepEqual(names(byName), ['R25', 'R24', 'R23']);
  });

  it('view selects records through a view by name or id, and an unknown view is refused', options, async () => {
    const schema = (await tables()).find((t) => t.name === listTable);
    const grid = schema.views[0];
    assert.equal(grid.name, 'Grid view');
    assert.equal((await table.select({ view: grid.name }).all()).length, 25);
    assert.equal((await table.select({ view: grid.id, maxRecords: 4 }).all()).length, 4);
    const error = await failure(() => table.select({ view: 'No such view' }).firstPage());
    assertAirtableError(error, 'VIEW_NAME_NOT_FOUND', 422);
  });

  it("cellFormat 'string' gives the UI's text in the timeZone and userLocale asked for", options, async () => {
    const [record] = await table.select({
      cellFormat: 'string', timeZone: 'America/New_York', userLocale: 'en-us', filterByFormula: "{Name} = 'R06'",
    }).all();
    assert.equal(record.get('Name'), 'R06');
    assert.equal(record.get('Points'), '6');
    assert.equal(record.get('Done'), 'checked');
    assert.equal(record.get('Tags'), 'api, docs');
    assert.equal(record.get('Due'), '2024-01-06');
    assert.equal(record.get('When'), '2024-01-06 10:04');
    const tokyo = await table.select({ cellFormat: 'string', timeZone: 'Asia/Tokyo', userLocale: 'en-gb', filterByFormula: "{Name} = 'R06'" }).firstPage();
    assert.equal(tokyo[0].get('When'), '2024-01-07 00:04');
  });

  it("cellFormat 'string' without timeZone and userLocale is refused as Airtable does", options, async () => {
    const error = await failure(() => table.select({ cellFormat: 'string' }).firstPage());
    assertAirtableError(error, 'INVALID_REQUEST_UNKNOWN', 422);
    assert.match(error.message, /timeZone/);
  });

  it("method 'post' lists through POST listRecords with the same parameters", options, async () => {
    const records = await table.select({
      method: 'post', filterByFormula: '{Points} > 20', sort: [{ field: 'Points', direction: 'desc' }], fields: ['Name', 'When'],
      cellFormat: 'string', timeZone: 'America/New_York', userLocale: 'en-us', pageSize: 2,
    }).all();
    assert.deepEqual(names(records), ['R25', 'R24', 'R23', 'R22', 'R21']);
    assert.equal(records[0].get('When'), '2024-01-25 10:04');
    assert.deepEqual(Object.keys(records[0].fields).sort(), ['Name', 'When']);
  });

  it('a URL over 15,000 characters makes Airtable.js switch to POST listRecords by itself', options, async () => {
    const formula = `OR(${Array.from({ length: 1000 }, (_, i) => `{Name} = 'R${String((i % 3) + 1).padStart(2, '0')}'`).join(', ')})`;
    assert.ok(formula.length > 15_000);
    const records = await table.select({ filterByFormula: formula, sort: [{ field: 'Name' }], cellFormat: 'string', timeZone: 'UTC', userLocale: 'en-us' }).all();
    assert.deepEqual(names(records), ['R01', 'R02', 'R03']);
    assert.equal(records[0].get('When'), '2024-01-01 15:04');
  });

  it('pageSize over 100 is refused with 422', options, async () => {
    const error = await failure(() => table.select({ pageSize: 101 }).firstPage());
    assertAirtableError(error, 'INVALID_REQUEST_UNKNOWN', 422);
  });

  it('returnFieldsByFieldId keys fields by field id, and fields may name ids', options, async () => {
    const schema = (await tables()).find((t) => t.name === listTable);
    const id = (name) => schema.fields.find((f) => f.name === name).id;
    const [record] = await table.select({ returnFieldsByFieldId: true, filterByFormula: "{Name} = 'R03'" }).all();
    assert.equal(record.get(id('Name')), 'R03');
    assert.equal(record.get(id('Points')), 3);
    assert.equal(record.get('Name'), undefined);
    const [narrow] = await table.select({ returnFieldsByFieldId: true, fields: [id('Points')], maxRecords: 1, sort: [{ field: id('Points') }] }).all();
    assert.deepEqual(narrow.fields, { [id('Points')]: 1 });
    const byTableId = await base(schema.id).select({ maxRecords: 2 }).firstPage();
    assert.equal(byTableId.length, 2);
  });

  it("recordMetadata ['commentCount'] adds each record's comment count", options, async () => {
    const target = ids[4];
    const comment = await base.makeRequest({ method: 'POST', path: `/${encodeURIComponent(listTable)}/${target}/comments`, body: { text: 'Looks good' } });
    assert.equal(comment.statusCode, 200);
    assert.equal(comment.body.text, 'Looks good');
    const records = await table.select({ recordMetadata: ['commentCount'] }).all();
    assert.equal(records.length, 25);
    for (const record of records) {
      assert.equal(record._rawJson.commentCount, record.id === target ? 1 : 0, record.get('Name'));
    }
    const plain = await table.select({ maxRecords: 1 }).firstPage();
    assert.equal('commentCount' in plain[0]._rawJson, false);
  });

  it('find(id) returns the record with every non-empty field', options, async () => {
    const record = await table.find(ids[2]);
    assert.equal(record.id, ids[2]);
    assert.equal(record.get('Name'), 'R03');
    assert.deepEqual(record.get('Tags'), ['api', 'docs']);
    const fetched = await table.find(ids[2]);
    assert.deepEqual(fetched.fields, record.fields);
  });

  it('a read-only key reads', options, async () => {
    const records = await readOnlyBase(listTable).select({ maxRecords: 3 }).firstPage();
    assert.equal(records.length, 3);
    assert.equal((await readOnlyBase(listTable).find(ids[0])).get('Name'), 'R01');
  });
});

describe('writing with create, update, replace and destroy', () => {
  const table = base(writeTable);
  const run = `w${Date.now().toString(36)}`;
  let counter = 0;
  const name = (label) => `${run}-${label}-${++counter}`;

  it('create(fields) makes one record and returns it', options, async () => {
    const label = name('single');
    const record = await table.create({ Name: label, Points: 3, Status: 'Todo', Tags: ['api'], Done: true, Due: '2024-02-29' });
    assert.match(record.id, /^rec/);
    assert.equal(record.getId(), record.id);
    assert.deepEqual(record.fields, { Name: label, Points: 3, Status: 'Todo', Tags: ['api'], Done: true, Due: '2024-02-29', Double: 6 });
    assert.deepEqual((await table.find(record.id)).fields, record.fields);
  });

  it('create([...]) makes up to ten records in one request, in order', options, async () => {
    const labels = Array.from({ length: 10 }, () => name('batch'));
    const records = await table.create(labels.map((Name, i) => ({ fields: { Name, Points: i } })));
    assert.equal(records.length, 10);
    assert.deepEqual(names(records), labels);
    assert.equal(new Set(records.map((r) => r.id)).size, 10);
    assert.equal(records[9].get('Double'), 18);
  });

  it('create with more than ten records is refused and writes nothing', options, async () => {
    const label = name('eleven');
    const error = await failure(() => table.create(Array.from({ length: 11 }, () => ({ fields: { Name: label } }))));
    assert.equal(error.statusCode, 422);
    assert.equal((await table.select({ filterByFormula: `{Name} = '${label}'` }).all()).length, 0);
  });

  it('without typecast, strings for other types are refused', options, async () => {
    assertAirtableError(await failure(() => table.create({ Name: name('strict'), Points: '42' })), 'INVALID_VALUE_FOR_COLUMN', 422);
    assertAirtableError(await failure(() => table.create({ Name: name('strict'), Status: 'Blocked' })), 'INVALID_MULTIPLE_CHOICE_OPTIONS', 422);
  });

  it('create with {typecast: true} converts strings and adds select options, single and batch', options, async () => {
    const one = await table.create({ Name: name('typecast'), Points: '42', Status: 'Blocked', Tags: 'api, later', Done: 'true', Due: '2024-03-05' }, { typecast: true });
    assert.equal(one.get('Points'), 42);
    assert.equal(one.get('Status'), 'Blocked');
    assert.deepEqual(one.get('Tags'), ['api', 'later']);
    assert.equal(one.get('Done'), true);
    assert.equal(one.get('Due'), '2024-03-05');
    const many = await table.create([{ fields: { Name: name('typecast'), Points: '7' } }, { fields: { Name: name('typecast'), Status: 'Blocked' } }], { typecast: true });
    assert.equal(many[0].get('Points'), 7);
    assert.equal(many[1].get('Status'), 'Blocked');
    const status = (await tables()).find((t) => t.name === writeTable).fields.find((f) => f.name === 'Status');
    assert.ok(status.options.choices.some((c) => c.name === 'Blocked'));
  });

  it('writes take returnFieldsByFieldId and answer with fields keyed by id', options, async () => {
    const schema = (await tables()).find((t) => t.name === writeTable);
    const id = (field) => schema.fields.find((f) => f.name === field).id;
    const label = name('by-id');
    const [record] = await table.create([{ fields: { [id('Name')]: label, Points: 2 } }], { returnFieldsByFieldId: true });
    assert.deepEqual(record.fields, { [id('Name')]: label, [id('Points')]: 2, [id('Double')]: 4 });
    const updated = await table.update(record.id, { Points: 3 }, { returnFieldsByFieldId: true });
    assert.equal(updated.get(id('Points')), 3);
  });

  it('update(id, fields) merges: fields left out keep their values', options, async () => {
    const created = await table.create({ Name: name('patch'), Points: 2, Status: 'Todo' });
    const updated = await table.update(created.id, { Points: 5 });
    assert.equal(updated.id, created.id);
    assert.deepEqual(updated.fields, { Name: created.get('Name'), Points: 5, Status: 'Todo', Double: 10 });
    const typecast = await table.update(created.id, { Points: '8' }, { typecast: true });
    assert.equal(typecast.get('Points'), 8);
  });

  it('update([...]) merges several records in one request', options, async () => {
    const created = await table.create([{ fields: { Name: name('patch-many'), Points: 1 } }, { fields: { Name: name('patch-many'), Points: 2, Status: 'Doing' } }]);
    const updated = await table.update(created.map((r) => ({ id: r.id, fields: { Status: 'Done' } })));
    assert.deepEqual(updated.map((r) => r.id), created.map((r) => r.id));
    assert.deepEqual(updated.map((r) => [r.get('Points'), r.get('Status')]), [[1, 'Done'], [2, 'Done']]);
    const cast = await table.update([{ id: created[0].id, fields: { Points: '11' } }], { typecast: true });
    assert.equal(cast[0].get('Points'), 11);
  });

  it('replace(id, fields) clears every field left out', options, async () => {
    const created = await table.create({ Name: name('put'), Points: 2, Status: 'Todo', Tags: ['docs'] });
    const replaced = await table.replace(created.id, { Name: 'replaced' });
    // Blank counts as 0 in Airtable's arithmetic, so the formula still has a value.
    assert.deepEqual(replaced.fields, { Name: 'replaced', Double: 0 });
    assert.deepEqual((await table.find(created.id)).fields, { Name: 'replaced', Double: 0 });
  });

  it('replace([...]) clears omitted fields of several records', options, async () => {
    const created = await table.create([{ fields: { Name: name('put-many'), Points: 1, Done: true } }, { fields: { Name: name('put-many'), Points: 2 } }]);
    const replaced = await table.replace(created.map((r) => ({ id: r.id, fields: { Points: 9 } })));
    assert.deepEqual(replaced.map((r) => r.fields), [{ Points: 9, Double: 18 }, { Points: 9, Double: 18 }]);
  });

  it('Record methods patchUpdate, putUpdate, save, fetch and destroy work on a fetched record', options, async () => {
    const record = await table.create({ Name: name('record'), Points: 4, Status: 'Todo' });
    await record.patchUpdate({ Points: 6 });
    assert.equal(record.get('Points'), 6);
    assert.equal(record.get('Status'), 'Todo');
    // save() PUTs every field it holds, the computed one too, which Airtable refuses.
    record.set('Status', 'Done');
    assertAirtableError(await failure(() => record.save()), 'INVALID_VALUE_FOR_COLUMN', 422);
    record.set('Double', undefined);
    await record.save();
    assert.equal((await table.find(record.id)).get('Status'), 'Done');
    await record.putUpdate({ Name: 'put' });
    await record.fetch();
    assert.deepEqual(record.fields, { Name: 'put', Double: 0 });
    await record.destroy();
    assertAirtableError(await failure(() => table.find(record.id)), 'NOT_FOUND', 404);
  });

  it('destroy(id) and destroy([ids]) delete and answer with the deleted records', options, async () => {
    const created = await table.create([1, 2, 3].map(() => ({ fields: { Name: name('delete') } })));
    const one = await table.destroy(created[0].id);
    assert.equal(one.id, created[0].id);
    const many = await table.destroy([created[1].id, created[2].id]);
    assert.deepEqual(many.map((r) => r.id), [created[1].id, created[2].id]);
    for (const record of created) {
      assertAirtableError(await failure(() => table.find(record.id)), 'NOT_FOUND', 404);
    }
  });

  it('update(records, {performUpsert}) updates matches and creates the rest (Airtable.js passes the option through)', options, async () => {
    const existing = await table.create({ Name: name('upsert'), Points: 1, Status: 'Todo' });
    const fresh = name('upsert');
    const records = await table.update(
      [{ fields: { Name: existing.get('Name'), Points: 7 } }, { fields: { Name: fresh, Points: 8 } }],
      { performUpsert: { fieldsToMergeOn: ['Name'] } },
    );
    assert.equal(records.length, 2);
    assert.equal(records[0].id, existing.id);
    assert.deepEqual(records[0].fields, { Name: existing.get('Name'), Points: 7, Status: 'Todo', Double: 14 });
    assert.notEqual(records[1].id, existing.id);
    assert.equal((await table.find(records[1].id)).get('Points'), 8);
    const again = await table.update([{ fields: { Name: fresh, Points: '9' } }], { performUpsert: { fieldsToMergeOn: ['Name'] }, typecast: true });
    assert.equal(again[0].id, records[1].id);
    assert.equal(again[0].get('Points'), 9);
  });

  it('a table and fields whose names need percent-encoding work by name', options, async () => {
    const tableName = `Team / Équipe #${Date.now() % 1000} & more?`;
    const response = await fetch(`${url}/v0/meta/bases/${baseId}/tables`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: tableName, fields: [{ name: 'Full name (first + last)', type: 'singleLineText' }, { name: 'Score %', type: 'number', options: { precision: 1 } }] }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const odd = base(tableName);
    const created = await odd.create({ 'Full name (first + last)': 'Ada L', 'Score %': 1.5 });
    const listed = await odd.select({ fields: ['Score %'], sort: [{ field: 'Full name (first + last)' }], filterByFormula: "{Full name (first + last)} = 'Ada L'" }).all();
    assert.deepEqual(listed.map((r) => r.fields), [{ 'Score %': 1.5 }]);
    assert.equal((await odd.update(created.id, { 'Score %': 2 })).get('Score %'), 2);
    assert.deepEqual((await odd.destroy([created.id])).map((r) => r.id), [created.id]);
  });

  it('upsert answers with createdRecords and updatedRecords in the raw body', options, async () => {
    const existing = await table.create({ Name: name('upsert-raw'), Points: 1 });
    const fresh = name('upsert-raw');
    const response = await base.makeRequest({
      method: 'PATCH', path: `/${encodeURIComponent(writeTable)}`,
      body: { performUpsert: { fieldsToMergeOn: ['Name'] }, records: [{ fields: { Name: existing.get('Name'), Points: 2 } }, { fields: { Name: fresh } }] },
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.body.updatedRecords, [existing.id]);
    assert.equal(response.body.createdRecords.length, 1);
    assert.equal(response.body.records.length, 2);
  });
});

describe('errors as Airtable.js reports them', () => {
  const table = base(writeTable);

  it('an unknown table: 403 as api.airtable.com answers (NOT_AUTHORIZED in Airtable.js)', options, async () => {
    assertAirtableError(await failure(() => base('No such table').select().firstPage()), 'NOT_AUTHORIZED', 403);
    assertAirtableError(await failure(() => base('tblAAAAAAAAAAAAAA').create({ Name: 'x' })), 'NOT_AUTHORIZED', 403);
  });

  it('an unknown base: 403 NOT_AUTHORIZED', options, async () => {
    const other = client(key).base('appAAAAAAAAAAAAAA');
    assertAirtableError(await failure(() => other(writeTable).select().firstPage()), 'NOT_AUTHORIZED', 403);
  });

  it('an unknown field: UNKNOWN_FIELD_NAME with statusCode 422, on write and in fields or sort', options, async () => {
    assertAirtableError(await failure(() => table.create({ Name: 'x', Nope: 1 })), 'UNKNOWN_FIELD_NAME', 422);
    assertAirtableError(await failure(() => table.select({ fields: ['Nope'] }).firstPage()), 'UNKNOWN_FIELD_NAME', 422);
    assertAirtableError(await failure(() => table.select({ sort: [{ field: 'Nope' }] }).firstPage()), 'UNKNOWN_FIELD_NAME', 422);
  });

  it('a bad formula: INVALID_FILTER_BY_FORMULA 422', options, async () => {
    assertAirtableError(await failure(() => table.select({ filterByFormula: '{Points' }).firstPage()), 'INVALID_FILTER_BY_FORMULA', 422);
    assertAirtableError(await failure(() => table.select({ filterByFormula: '{Nope} = 1' }).firstPage()), 'INVALID_FILTER_BY_FORMULA', 422);
  });

  it('an invalid value: INVALID_VALUE_FOR_COLUMN 422, also for computed fields', options, async () => {
    assertAirtableError(await failure(() => table.create({ Points: 'many' })), 'INVALID_VALUE_FOR_COLUMN', 422);
    assertAirtableError(await failure(() => table.create({ Done: 'yes' })), 'INVALID_VALUE_FOR_COLUMN', 422);
    assertAirtableError(await failure(() => table.create({ Double: 4 })), 'INVALID_VALUE_FOR_COLUMN', 422);
  });

  it('a record that does not exist: 404 NOT_FOUND on find, update, replace and destroy', options, async () => {
    const missing = 'recAAAAAAAAAAAAAA';
    assertAirtableError(await failure(() => table.find(missing)), 'NOT_FOUND', 404);
    assertAirtableError(await failure(() => table.update(missing, { Points: 1 })), 'NOT_FOUND', 404);
    assertAirtableError(await failure(() => table.replace(missing, { Points: 1 })), 'NOT_FOUND', 404);
    assertAirtableError(await failure(() => table.destroy(missing)), 'NOT_FOUND', 404);
  });

  it('a batch update naming a record the table lacks: 422 ROW_DOES_NOT_EXIST, and nothing is written', options, async () => {
    const [kept] = await table.create([{ fields: { Name: 'batch survivor', Points: 1 } }]);
    const batch = [{ id: kept.id, fields: { Points: 2 } }, { id: 'recAAAAAAAAAAAAAA', fields: { Points: 2 } }];
    assertAirtableError(await failure(() => table.update(batch)), 'ROW_DOES_NOT_EXIST', 422);
    assertAirtableError(await failure(() => table.replace(batch)), 'ROW_DOES_NOT_EXIST', 422);
    assert.equal((await table.find(kept.id)).get('Points'), 1);
  });

  it('a bad API key: 401 AUTHENTICATION_REQUIRED', options, async () => {
    const wrong = client('pyat_0000000000000000000000000000000000000000000').base(baseId);
    assertAirtableError(await failure(() => wrong(writeTable).select().firstPage()), 'AUTHENTICATION_REQUIRED', 401);
    assertAirtableError(await failure(() => wrong(writeTable).create({ Name: 'x' })), 'AUTHENTICATION_REQUIRED', 401);
    const garbage = client('not-a-key').base(baseId);
    assertAirtableError(await failure(() => garbage(writeTable).find('recAAAAAAAAAAAAAA')), 'AUTHENTICATION_REQUIRED', 401);
  });

  it('a read-only key writing: 403 NOT_AUTHORIZED, and nothing is written', options, async () => {
    const readOnly = readOnlyBase(writeTable);
    const [victim] = await table.create([{ fields: { Name: 'read-only victim', Points: 1 } }]);
    assertAirtableError(await failure(() => readOnly.create({ Name: 'read-only' })), 'NOT_AUTHORIZED', 403);
    assertAirtableError(await failure(() => readOnly.update(victim.id, { Points: 2 })), 'NOT_AUTHORIZED', 403);
    assertAirtableError(await failure(() => readOnly.replace([{ id: victim.id, fields: {} }])), 'NOT_AUTHORIZED', 403);
    assertAirtableError(await failure(() => readOnly.destroy([victim.id])), 'NOT_AUTHORIZED', 403);
    assertAirtableError(await failure(() => readOnly.update([{ fields: { Name: 'x' } }], { performUpsert: { fieldsToMergeOn: ['Name'] } })), 'NOT_AUTHORIZED', 403);
    assert.deepEqual((await table.find(victim.id)).fields, { Name: 'read-only victim', Points: 1, Double: 2 });
    assert.equal((await table.select({ filterByFormula: "{Name} = 'read-only'" }).all()).length, 0);
  });

  it("this suite's client fails fast on 429 instead of retrying forever", options, async () => {
    // PyAirtable only rate-limits in Airtable parity mode; a stand-in server proves the client setting.
    const server = createServer((request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' });
      response.end(JSON.stringify({ error: { type: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' } }));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const limited = client(key, `http://127.0.0.1:${server.address().port}`).base(baseId);
      const started = Date.now();
      assertAirtableError(await failure(() => limited(writeTable).select().firstPage()), 'TOO_MANY_REQUESTS', 429);
      assert.ok(Date.now() - started < 5_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('no API key: Airtable.js refuses before sending anything', options, () => {
    assert.throws(() => new Airtable({ apiKey: '', endpointUrl: url }).base(baseId), /API key is required/);
  });
});
