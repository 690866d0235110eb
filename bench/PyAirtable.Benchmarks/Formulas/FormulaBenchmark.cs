using System.Globalization;
using PyAirtable.Benchmarks.Harness;
using PyAirtable.Formulas;
using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Benchmarks.Formulas;

/// <summary>
/// Issue 4: a typical filterByFormula over 100,000 records, records per second against the same
/// filter written by hand in C# over the same records, alternating in one run, one thread; plus
/// each condition on its own and the hand-written filter over plain CLR objects, to show where time goes.
/// </summary>
internal sealed class FormulaBenchmark : IBenchmark
{
    public const string Filter = "AND({Status}='Done', {Points} > 3, FIND('api', LOWER({Name})))";

    private const double TargetRatio = 0.25;
    private const int Records = 100_000;
    private const int Seed = 20240401;

    public string Name => "formulas";

    public string Description => "issue 4: records/s of AND({Status}='Done', {Points} > 3, FIND('api', LOWER({Name}))) over 100,000 records vs hand-written C#";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var data = FilterData.Generate(settings.Count(Records), Seed);
        var (name, status, points) = (data.Field("Name"), data.Field("Status"), data.Field("Points"));
        var formula = FormulaCompiler.Compile(Filter, data.Schema);
        var handWritten = new HandWrittenFilter(name, status, points);
        var plain = new PlainFilter();
        var expected = Agree(data.Records, formula, handWritten.Matches);
        if (data.Rows.Count(plain.Matches) != expected)
        {
            throw new InvalidOperationException("The plain-object filter disagrees with the formula.");
        }

        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"formulas: {expected:#,0} of {data.Records.Length:#,0} records match (seed {Seed}); the formula, the hand-written filter and the plain-object filter agree on every record"));

        var window = settings.Window(1, 3);
        var runs = await PairedRuns.MeasureAsync(settings.Runs,
            () => Task.FromResult(RecordScan.Run(data.Records, new FormulaFilter(formula), expected, window)),
            () => Task.FromResult(RecordScan.Run(data.Records, handWritten, expected, window))).ConfigureAwait(false);
        var ratio = runs.BestSubject.PerSecond / runs.BestBaseline.PerSecond;
        report.Add(new ResultRow("formulas", string.Create(CultureInfo.InvariantCulture, $"records/s, compiled filter {Filter}, {data.Records.Length:#,0} records, 1 thread"),
            $"{Describe(runs.BestSubject)} = {Format.Ratio(ratio)} hand-written", $"hand-written C#, same IFormulaRecord values: {Describe(runs.BestBaseline)}",
            "≥ 0.25× hand-written", Verdict.AtLeast(ratio, TargetRatio)));
        report.Note($"formulas, whole filter: {runs.DescribeRuns()}; best formula run {runs.BestSubject.Gc}, best hand-written run {runs.BestBaseline.Gc}");

        var plainRuns = new List<LoadResult>();
        for (var run = 0; run < settings.Runs; run++)
        {
            plainRuns.Add(RecordScan.Run(data.Rows, plain, expected, window));
        }

        var bestPlain = plainRuns.MaxBy(r => r.PerSecond)!;
        report.Add(new ResultRow("formulas (profile)", "hand-written C# over plain CLR objects (string, string, double properties)",
            $"{Describe(bestPlain)} = {Format.Ratio(bestPlain.PerSecond / runs.BestBaseline.PerSecond)} hand-written over IFormulaRecord",
            $"hand-written C#, same IFormulaRecord values: {Describe(runs.BestBaseline)}", "—", "—"));

        (string Text, Func<IFormulaRecord, bool> ByHand)[] pieces =
        [
            ("{Status}='Done'", r => string.Equals(r.GetValue(status).AsString, "Done", StringComparison.Ordinal)),
            ("{Points} > 3", r => r.GetValue(points) is { Kind: FormulaValueKind.Number } p && p.AsNumber > 3),
            ("FIND('api', LOWER({Name}))", r => (r.GetValue(name).AsString ?? "").ToLowerInvariant().Contains("api", StringComparison.Ordinal)),
        ];
        foreach (var (text, byHand) in pieces)
        {
            var piece = FormulaCompiler.Compile(text, data.Schema);
            var matches = Agree(data.Records, piece, byHand);
            var pieceRuns = await PairedRuns.MeasureAsync(settings.Runs,
                () => Task.FromResult(RecordScan.Run(data.Records, new DelegateFilter(r => piece.Matches(r)), matches, window)),
                () => Task.FromResult(RecordScan.Run(data.Records, new DelegateFilter(byHand), matches, window))).ConfigureAwait(false);
            report.Add(new ResultRow("formulas (profile)", string.Create(CultureInfo.InvariantCulture, $"one condition alone, on every record: {text} ({matches:#,0} match)"),
                $"{Describe(pieceRuns.BestSubject)} = {Format.Ratio(pieceRuns.BestSubject.PerSecond / pieceRuns.BestBaseline.PerSecond)} hand-written",
                $"hand-written: {Describe(pieceRuns.BestBaseline)}", "—", "—"));
        }
    }

    private static string Describe(LoadResult result) =>
        $"{Format.Rate(result.PerSecond)} ({Format.Nanoseconds(1e9 / result.PerSecond)}/record, {Format.Bytes(result.BytesPerOperation)}/record)";

    /// <summary>Checks that the formula and the C# predicate decide every record alike; returns how many match.</summary>
    private static int Agree(IFormulaRecord[] records, CompiledFormula formula, Func<IFormulaRecord, bool> byHand)
    {
        var matches = 0;
        foreach (var record in records)
        {
            var matched = formula.Matches(record);
            if (matched != byHand(record))
            {
                throw new InvalidOperationException($"{formula.Text} and the hand-written filter disagree on {record.Id}.");
            }

            matches += matched ? 1 : 0;
        }

        return matches;
    }
}
