using System.Text;
using PyAirtable.Formulas.Parsing;

namespace PyAirtable.Formulas;

/// <summary>
/// Field references in a formula's text. Formulas are stored as text that names fields, so a
/// renamed field must be renamed in every formula that reads it, as Airtable does.
/// </summary>
public static class FormulaReferences
{
    /// <summary>
    /// The text with every field reference (<c>{Name}</c> or a bare name) for which
    /// <paramref name="rename"/> gives a new name written as <c>{new name}</c>; everything else,
    /// spacing and comments included, stays as written. Text that does not lex is returned as is.
    /// </summary>
    public static string Rename(string text, Func<string, string?> rename)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rename);
        var tokens = new List<(Token Token, int End)>();
        try
        {
            var lexer = new Lexer(text);
            for (var token = lexer.Next(); token.Kind != TokenKind.End; token = lexer.Next())
            {
                tokens.Add((token, lexer.End));
            }
        }
        catch (FormulaSyntaxException)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var copied = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var (token, end) = tokens[i];
            var isReference = token.Kind == TokenKind.Field
                || (token.Kind == TokenKind.Identifier && (i + 1 == tokens.Count || tokens[i + 1].Token.Kind != TokenKind.LeftParen));
            if (isReference && rename(token.Text) is { } renamed)
            {
                result.Append(text, copied, token.Position - copied).Append('{').Append(renamed.Replace("}", "\\}", StringComparison.Ordinal)).Append('}');
                copied = end;
            }
        }

        return copied == 0 ? text : result.Append(text, copied, text.Length - copied).ToString();
    }
}
