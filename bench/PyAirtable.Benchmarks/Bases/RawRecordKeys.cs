using System.Security.Cryptography;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>Row keys for the baseline shaped like record ids (<c>rec</c> and 14 random characters), so they land in the B-tree as randomly as real ones.</summary>
internal static class RawRecordKeys
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Next() => "rec" + RandomNumberGenerator.GetString(Alphabet, 14);
}
