using System.Text.RegularExpressions;
using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

/// <summary>
/// Airtable runs RE2, which never backtracks; the non-backtracking engine gives the same linear-time
/// guarantee, so a hostile pattern cannot stall a filter over many records.
/// </summary>
internal static class RegexFunctions
{
    private static readonly BoundedCache<string, Regex?> _patterns = new(512);

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("REGEX_MATCH", 2, 2, static (a, in _) => WithRegex(a, static (regex, text, _) =>
            FormulaValue.Boolean(regex.IsMatch(text))));
        registry.Add("REGEX_EXTRACT", 2, 2, static (a, in _) => WithRegex(a, static (regex, text, _) =>
            regex.Match(text) is { Success: true } match ? FormulaValue.Text(match.Value) : FormulaValue.GenericError));
        registry.Add("REGEX_REPLACE", 3, 3, static (a, in _) => WithRegex(a, static (regex, text, replacement) =>
            FormulaValue.Text(regex.Replace(text, replacement!))));
    }

    private static FormulaValue WithRegex(ReadOnlySpan<FormulaValue> arguments, Func<Regex, string, string?, FormulaValue> apply)
    {
        var regex = _patterns.GetOrAdd(arguments[1].ToText(), Create);
        if (regex is null)
        {
            return FormulaValue.GenericError;
        }
        var replacement = arguments.Length > 2 ? arguments[2].ToText() : null;
        return apply(regex, arguments[0].ToText(), replacement);
    }

    private static Regex? Create(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
