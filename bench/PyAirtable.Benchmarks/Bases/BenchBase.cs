using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>
/// A local base made the way a client makes one, over <c>/v0/meta</c>: People (Name, Email) and
/// Tasks (Name, Points, Status, Due, Notes, Owner linking to People, and a formula Score), then
/// records written through <c>/v0</c> in batches of ten. The data are deterministic, so the
/// benchmark knows how many records a filter matches without asking the server.
/// </summary>
internal sealed record BenchBase(string Id, string TasksTableId, IReadOnlyList<string> PeopleIds)
{
    public const string Tasks = "Tasks";
    public const string ScoreFormula = "IF({Status} = 'Done', {Points} * 2, {Points})";

    private static readonly string[] s_statuses = ["Todo", "In progress", "Review", "Done", "Blocked"];
    private static readonly string[] s_phrases = ["Public API gateway", "Sign-up flow", "Billing webhooks", "Import wizard", "Audit log", "Dark mode", "Search index", "Release notes"];

    /// <summary>Creates the base in <paramref name="workspaceId"/> with the caller of <paramref name="admin"/> (an owner's access token) and 20 people.</summary>
    public static async Task<BenchBase> CreateAsync(HttpClient admin, string workspaceId, string name)
    {
        var created = await BenchHttp.SendAsync(admin, HttpMethod.Post, "v0/meta/bases", new
        {
            name,
            workspaceId,
            tables = new object[]
            {
                new { name = "People", fields = new object[] { new { name = "Name", type = "singleLineText" }, new { name = "Email", type = "email" } } },
                new
                {
                    name = Tasks,
                    fields = new object[]
                    {
                        new { name = "Name", type = "singleLineText" },
                        new { name = "Points", type = "number", options = new { precision = 0 } },
                        new { name = "Status", type = "singleSelect", options = new { choices = s_statuses.Select(s => new { name = s }).ToArray() } },
                        new { name = "Due", type = "date" },
                        new { name = "Notes", type = "multilineText" },
                    },
                },
            },
        }).ConfigureAwait(false);
        var baseId = created.GetProperty("id").GetString()!;
        var tables = created.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("id").GetString()!);
        await BenchHttp.SendAsync(admin, HttpMethod.Post, $"v0/meta/bases/{baseId}/tables/{tables[Tasks]}/fields",
            new { name = "Owner", type = "multipleRecordLinks", options = new { linkedTableId = tables["People"] } }).ConfigureAwait(false);
        await BenchHttp.SendAsync(admin, HttpMethod.Post, $"v0/meta/bases/{baseId}/tables/{tables[Tasks]}/fields",
            new { name = "Score", type = "formula", options = new { formula = ScoreFormula } }).ConfigureAwait(false);

        var people = new List<string>();
        for (var batch = 0; batch < 2; batch++)
        {
            var records = Enumerable.Range(batch * 10, 10).Select(i => new { fields = new Dictionary<string, object> { ["Name"] = $"Person {i}", ["Email"] = $"person{i}@bench.example" } }).ToArray();
            var answer = await BenchHttp.SendAsync(admin, HttpMethod.Post, $"v0/{baseId}/People", new { records }).ConfigureAwait(false);
            people.AddRange(answer.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
        }

        return new BenchBase(baseId, tables[Tasks], people);
    }

    /// <summary>Creates an API key of the workspace with one scope (<c>read</c>, <c>write</c>, <c>admin</c>) and returns its secret.</summary>
    public static async Task<string> CreateKeyAsync(HttpClient owner, string workspaceId, string scope) =>
        (await BenchHttp.SendAsync(owner, HttpMethod.Post, $"api/v1/workspaces/{workspaceId}/api-keys", new { name = "bench " + scope, scopes = new[] { scope } }, HttpStatusCode.Created)
            .ConfigureAwait(false)).GetProperty("key").GetString()!;

    /// <summary>Writes <paramref name="count"/> tasks (numbered from 0) in batches of ten, each linked to one person.</summary>
    public async Task SeedTasksAsync(HttpClient writer, int count)
    {
        for (var start = 0; start < count; start += 10)
        {
            var records = Enumerable.Range(start, Math.Min(10, count - start)).Select(i => new { fields = TaskFields(i, PeopleIds[i % PeopleIds.Count]) }).ToArray();
            await BenchHttp.SendAsync(writer, HttpMethod.Post, $"v0/{Id}/{Tasks}", new { records }, HttpStatusCode.OK).ConfigureAwait(false);
        }
    }

    /// <summary>The cells of task <paramref name="i"/>: text, number, select, date, long text, and a link when <paramref name="owner"/> is given.</summary>
    public static Dictionary<string, object> TaskFields(int i, string? owner)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Name"] = $"{s_phrases[i % s_phrases.Length]} #{i.ToString(CultureInfo.InvariantCulture)}",
            ["Points"] = Points(i),
            ["Status"] = Status(i),
            ["Due"] = new DateOnly(2027, 1, 1).AddDays(i % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Notes"] = "Check the edge cases with the team, then write down what changed and why.",
        };
        if (owner is not null)
        {
            fields["Owner"] = new[] { owner };
        }

        return fields;
    }

    /// <summary>How many of the first <paramref name="count"/> tasks have Status Done and more than 3 points.</summary>
    public static int DoneAndOverThree(int count) => Enumerable.Range(0, count).Count(i => Status(i) == "Done" && Points(i) > 3);

    /// <summary>A batch-create body of ten tasks, serialized once.</summary>
    public static byte[] CreateBody(int first, string? owner) =>
        JsonSerializer.SerializeToUtf8Bytes(new { records = Enumerable.Range(first, 10).Select(i => new { fields = TaskFields(i, owner) }).ToArray() });

    private static string Status(int i) => s_statuses[i % s_statuses.Length];

    // Not a multiple of 5 apart from Status's cycle, so Points and Status vary independently.
    private static int Points(int i) => (i * 7 / 5) % 11;
}
