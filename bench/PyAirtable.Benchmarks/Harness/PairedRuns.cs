namespace PyAirtable.Benchmarks.Harness;

/// <summary>
/// Measures a subject and its baseline alternately, swapping which goes first each round
/// (subject, baseline, baseline, subject…), so that noise from other work on the machine and
/// after-effects of the previous run fall on both; keeps the best run of each.
/// </summary>
internal sealed record PairedRuns(IReadOnlyList<LoadResult> Subject, IReadOnlyList<LoadResult> Baseline)
{
    public LoadResult BestSubject => Subject.MaxBy(r => r.PerSecond)!;

    public LoadResult BestBaseline => Baseline.MaxBy(r => r.PerSecond)!;

    /// <summary>Every run's throughput, for the notes.</summary>
    public string DescribeRuns() =>
        $"runs {string.Join(", ", Subject.Select(r => Format.Rate(r.PerSecond)))}; baseline runs {string.Join(", ", Baseline.Select(r => Format.Rate(r.PerSecond)))}";

    public static async Task<PairedRuns> MeasureAsync(int runs, Func<Task<LoadResult>> subject, Func<Task<LoadResult>> baseline)
    {
        var subjects = new List<LoadResult>();
        var baselines = new List<LoadResult>();
        for (var run = 0; run < runs; run++)
        {
            if (run % 2 == 0)
            {
                subjects.Add(await subject().ConfigureAwait(false));
                baselines.Add(await baseline().ConfigureAwait(false));
            }
            else
            {
                baselines.Add(await baseline().ConfigureAwait(false));
                subjects.Add(await subject().ConfigureAwait(false));
            }
        }

        return new PairedRuns(subjects, baselines);
    }
}
