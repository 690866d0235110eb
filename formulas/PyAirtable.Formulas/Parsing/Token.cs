namespace PyAirtable.Formulas.Parsing;

internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0);
