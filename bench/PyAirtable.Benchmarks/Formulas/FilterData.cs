using System.Globalization;
using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Benchmarks.Formulas;

/// <summary>
/// Deterministic task records (fixed seed): Status one of five values, Points 0–10, Name a phrase of
/// which about a third contain "api" in some case ("Public API gateway", "rapid prototype",
/// "capital planning"…) and most have capitals, so LOWER has work to do. Each record exists twice
/// with the same string instances: as a <see cref="FormulaRecord"/> and as a plain <see cref="TaskRow"/>.
/// </summary>
internal sealed record FilterData(FormulaSchema Schema, IFormulaRecord[] Records, TaskRow[] Rows)
{
    private static readonly string[] s_statuses = ["Todo", "In progress", "Review", "Done", "Blocked"];

    private static readonly string[] s_phrases =
    [
        "Public API gateway", "rapid prototype", "Mobile app", "Billing page", "capital planning", "REST Api docs",
        "search index", "aPi key rotation", "Onboarding flow", "Data export", "webhooks retry", "GraphQL API",
        "Dark mode", "Audit trail", "SSO login", "Email digests",
    ];

    public FormulaField Field(string name) =>
        Schema.TryGetField(name, out var field) ? field : throw new InvalidOperationException($"No field {name}.");

    public static FilterData Generate(int count, int seed)
    {
        var schema = FormulaSchema.Create(
            ("fldName0000000001", "Name", FormulaFieldType.Text),
            ("fldStatus00000001", "Status", FormulaFieldType.SingleSelect),
            ("fldPoints00000001", "Points", FormulaFieldType.Number));
        var random = new Random(seed);
        var created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var records = new IFormulaRecord[count];
        var rows = new TaskRow[count];
        for (var i = 0; i < count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{s_phrases[random.Next(s_phrases.Length)]} #{i}");
            var status = s_statuses[random.Next(s_statuses.Length)];
            var points = random.Next(0, 11);
            rows[i] = new TaskRow(name, status, points);
            records[i] = new FormulaRecord(string.Create(CultureInfo.InvariantCulture, $"rec{i:D14}"), created.AddMinutes(i),
                [FormulaValue.Text(name), FormulaValue.Text(status), FormulaValue.Number(points)]);
        }

        return new FilterData(schema, records, rows);
    }
}
