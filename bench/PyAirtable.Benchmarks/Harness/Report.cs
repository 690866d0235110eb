using System.Text;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>Collects result rows and notes, echoes them as they come, and writes them as one markdown table.</summary>
internal sealed class Report
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(ResultRow row)
    {
        _rows.Add(row);
        Progress.Write($"{row.Figure} | {row.Measurement} | {row.Result} | {row.Baseline} | {row.Target} | {row.Verdict}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Progress.Write("note: " + note);
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| # | measurement | result | baseline (same run) | target | verdict |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            text.AppendLine($"| {row.Figure} | {row.Measurement} | {row.Result} | {row.Baseline} | {row.Target} | {row.Verdict} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }
}
