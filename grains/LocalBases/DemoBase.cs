using System.Globalization;
using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// The "Product Launch" demo base a new embedded installation starts with: People, Milestones
/// and Tasks (about 200 records) using links, lookups, rollups, counts, formulas, selects,
/// dates, auto numbers and attachment metadata. Deterministic, so every installation sees the same data.
/// </summary>
public static class DemoBase
{
    public const string Name = "Product Launch";

    private static readonly string[] _first = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Radia", "Linus", "Frances", "John", "Hedy", "Tim", "Katherine", "Dennis", "Anita", "Guido", "Sophie", "Bjarne"];
    private static readonly string[] _last = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Perlman", "Torvalds", "Allen", "McCarthy", "Lamarr", "Berners-Lee", "Johnson", "Ritchie", "Borg", "van Rossum", "Wilson", "Stroustrup"];
    private static readonly string[] _roles = ["Engineer", "Designer", "Product", "Marketing"];
    private static readonly string[] _verbs = ["Design", "Build", "Test", "Document", "Review", "Ship", "Measure", "Polish", "Plan", "Fix"];
    private static readonly string[] _things = ["sign-up flow", "API docs", "pricing page", "billing webhooks", "onboarding email", "search", "mobile layout", "import wizard", "audit log", "dashboard", "rate limits", "release notes", "landing page", "export to CSV", "SSO", "dark mode", "error pages"];
    private static readonly string[] _tags = ["api", "frontend", "backend", "docs", "design", "launch"];

    private static FieldDefinition Field(string name, string type, FieldOptions? options = null) => new(name, type, null, options);

    private static FieldOptions Choices(params string[] names) => new() { Choices = names.Select(n => new SelectChoice("", n, null)).ToList() };

    /// <summary>Creates a workspace for <paramref name="owner"/> holding the demo base; returns the base id.</summary>
    public static async Task<string> CreateAsync(IGrainFactory grains, string workspaceId, Caller owner)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(owner);
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).CreateAsync("Demo", owner);
        var baseId = AirtableIds.New(AirtableIds.Base);
        var grain = grains.GetGrain<ILocalBaseGrain>(baseId);
        var schema = await grain.CreateAsync(new CreateBaseRequest(Name, workspaceId,
        [
            new TableDefinition("People", "Everyone working on the launch.",
            [
                Field("Name", FieldTypes.SingleLineText), Field("Email", FieldTypes.Email), Field("Role", FieldTypes.SingleSelect, Choices(_roles)), Field("Avatar", FieldTypes.MultipleAttachments),
            ]),
            new TableDefinition("Milestones", "What ships when.",
            [
                Field("Name", FieldTypes.SingleLineText), Field("Due", FieldTypes.Date), Field("Stage", FieldTypes.SingleSelect, Choices("Planned", "In progress", "Done")),
            ]),
            new TableDefinition("Tasks", "The work.",
            [
                Field("Name", FieldTypes.SingleLineText), Field("ID", FieldTypes.AutoNumber),
                Field("Status", FieldTypes.SingleSelect, Choices("Todo", "In progress", "Done")), Field("Points", FieldTypes.Number, new FieldOptions { Precision = 0 }),
                Field("Due", FieldTypes.Date), Field("Tags", FieldTypes.MultipleSelects, Choices(_tags)), Field("Reviewed", FieldTypes.Checkbox),
                Field("Notes", FieldTypes.MultilineText), Field("Spec", FieldTypes.MultipleAttachments),
            ]),
        ]), owner);
        await grains.GetGrain<IWorkspaceGrain>(workspaceId).AddBaseAsync(baseId, owner);
        string Table(string name) => schema.Tables.Single(t => t.Name == name).Id;

        var owners = await grain.CreateFieldAsync("Tasks", Field("Owner", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = Table("People") }), owner);
        var milestone = await grain.CreateFieldAsync("Tasks", Field("Milestone", FieldTypes.MultipleRecordLinks, new FieldOptions { LinkedTableId = Table("Milestones") }), owner);
        var tables = await grain.GetSchemaAsync();
        string FieldId(string table, string name) => tables.Tables.Single(t => t.Name == table).Fields.Single(f => f.Name == name).Id;

        await grain.CreateFieldAsync("Tasks", Field("Owner email", FieldTypes.MultipleLookupValues, new FieldOptions { RecordLinkFieldId = owners.Id, FieldIdInLinkedTable = FieldId("People", "Email") }), owner);
        await grain.CreateFieldAsync("Tasks", Field("Late", FieldTypes.Formula, new FieldOptions { Formula = "AND({Status} != 'Done', IS_BEFORE({Due}, TODAY()))" }), owner);
        await grain.CreateFieldAsync("Tasks", Field("Summary", FieldTypes.Formula, new FieldOptions { Formula = "CONCATENATE('#', {ID}, ' ', {Name}, ' (', {Points}, ' pts)')" }), owner);
        var milestoneTasks = FieldId("Milestones", "Tasks");
        await grain.CreateFieldAsync("Milestones", Field("Points", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = milestoneTasks, FieldIdInLinkedTable = FieldId("Tasks", "Points"), Formula = "SUM(values)" }), owner);
        await grain.CreateFieldAsync("Milestones", Field("Task count", FieldTypes.Count, new FieldOptions { RecordLinkFieldId = milestoneTasks }), owner);
        await grain.CreateFieldAsync("People", Field("Points assigned", FieldTypes.Rollup, new FieldOptions { RecordLinkFieldId = FieldId("People", "Tasks"), FieldIdInLinkedTable = FieldId("Tasks", "Points"), Formula = "SUM(values)" }), owner);
        await grain.PutViewAsync("Tasks", new ViewDefinition("Open work", "{Status} != 'Done'", [new ViewSort("Due", "asc")], ["Notes"]), owner);

        var random = new Random(20261202);
        var people = await WriteAsync(grain, "People", Enumerable.Range(0, 20).Select(i => Cells(
            ("Name", $"{_first[i]} {_last[i]}"),
            ("Email", $"{_first[i].ToLowerInvariant()}@launch.example"),
            ("Role", _roles[i % _roles.Length]),
            ("Avatar", new[] { new { url = $"https://files.launch.example/avatars/{i + 1}.png", filename = $"{_first[i].ToLowerInvariant()}.png" } }))), owner);
        var start = new DateOnly(2027, 1, 11);
        var milestones = await WriteAsync(grain, "Milestones", Enumerable.Range(0, 8).Select(i => Cells(
            ("Name", $"M{i + 1}: {(i < 7 ? _things[i * 2] : "launch day")}"),
            ("Due", start.AddDays(14 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("Stage", i < 2 ? "Done" : i < 4 ? "In progress" : "Planned"))), owner);
        await WriteAsync(grain, "Tasks", Enumerable.Range(0, 170).Select(i =>
        {
            var m = i % milestones.Count;
            var status = m < 2 ? "Done" : m < 4 ? (i % 3 == 0 ? "Done" : "In progress") : "Todo";
            return Cells(
                ("Name", $"{_verbs[i % _verbs.Length]} {_things[(i / _verbs.Length) % _things.Length]}"),
                ("Status", status),
                ("Points", random.Next(1, 9)),
                ("Due", start.AddDays((14 * m) - random.Next(0, 10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("Tags", new[] { _tags[i % _tags.Length], _tags[(i / 3) % _tags.Length] }.Distinct().ToArray()),
                ("Reviewed", status == "Done" && i % 2 == 0),
                ("Notes", i % 4 == 0 ? "Check with the owner before starting." : null),
                ("Spec", i % 10 == 0 ? new[] { new { url = $"https://files.launch.example/specs/task-{i + 1}.pdf", filename = $"task-{i + 1}.pdf" } } : null),
                ("Owner", new[] { people[random.Next(people.Count)] }),
                ("Milestone", new[] { milestones[m] }));
        }), owner);
        return baseId;
    }

    private static Dictionary<string, JsonElement> Cells(params (string Field, object? Value)[] cells) =>
        cells.Where(c => c.Value is not null).ToDictionary(c => c.Field, c => Json.Of(c.Value), StringComparer.Ordinal);

    private static async Task<List<string>> WriteAsync(ILocalBaseGrain grain, string table, IEnumerable<Dictionary<string, JsonElement>> records, Caller owner)
    {
        var ids = new List<string>();
        foreach (var chunk in records.Chunk(50))
        {
            var written = await grain.WriteRecordsAsync(table, chunk.Select(c => new RecordWrite(null, c)).ToList(), new WriteOptions(), owner);
            ids.AddRange(written.Select(r => r.Id));
        }

        return ids;
    }
}
