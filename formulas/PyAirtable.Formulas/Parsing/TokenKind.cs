namespace PyAirtable.Formulas.Parsing;

internal enum TokenKind
{
    End,
    Number,
    String,
    Field,
    Identifier,
    LeftParen,
    RightParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Ampersand,
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}
