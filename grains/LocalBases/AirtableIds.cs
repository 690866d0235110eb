using System.Buffers;
using System.Security.Cryptography;

namespace PyAirtable.Grains.LocalBases;

/// <summary>Airtable-shaped ids: a three-letter prefix and 14 random letters and digits (<c>recA1b2C3d4E5f6G7</c>).</summary>
public static class AirtableIds
{
    public const string Base = "app";
    public const string Table = "tbl";
    public const string Field = "fld";
    public const string Record = "rec";
    public const string View = "viw";
    public const string Choice = "sel";
    public const string Comment = "com";
    public const string Attachment = "att";

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int Length = 14;
    private static readonly SearchValues<char> _alphabet = SearchValues.Create(Alphabet);

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether <paramref name="value"/> looks like an id with this prefix (it may still not exist).</summary>
    public static bool Is(string? value, string prefix) =>
        value is { Length: 17 } && value.StartsWith(prefix, StringComparison.Ordinal) && value.AsSpan(3).IndexOfAnyExcept(_alphabet) < 0;
}
