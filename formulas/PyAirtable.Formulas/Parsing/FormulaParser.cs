using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Parsing;

/// <summary>
/// Recursive descent, lowest precedence first: comparison, <c>&amp;</c>, <c>+ -</c>, <c>* /</c>, unary minus.
/// </summary>
internal sealed class FormulaParser
{
    private readonly Lexer _lexer;
    private Token _current;

    private FormulaParser(string text)
    {
        _lexer = new Lexer(text);
        _current = _lexer.Next();
    }

    public static FormulaNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new FormulaParser(text);
        if (parser._current.Kind == TokenKind.End)
        {
            throw new FormulaSyntaxException("The formula is empty", 0);
        }
        var node = parser.Comparison();
        if (parser._current.Kind != TokenKind.End)
        {
            throw new FormulaSyntaxException($"Unexpected '{parser._current.Text}'", parser._current.Position);
        }
        return node;
    }

    private Token Advance()
    {
        var token = _current;
        _current = _lexer.Next();
        return token;
    }

    private FormulaNode Comparison()
    {
        var left = Concatenation();
        while (true)
        {
            BinaryOperator? op = _current.Kind switch
            {
                TokenKind.Equal => BinaryOperator.Equal,
                TokenKind.NotEqual => BinaryOperator.NotEqual,
                TokenKind.Less => BinaryOperator.Less,
                TokenKind.Greater => BinaryOperator.Greater,
                TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
                TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
                _ => null,
            };
            if (op is null)
            {
                return left;
            }
            var position = Advance().Position;
            left = new BinaryNode(op.Value, left, Concatenation(), position);
        }
    }

    private FormulaNode Concatenation()
    {
        var left = Additive();
        while (_current.Kind == TokenKind.Ampersand)
        {
            var position = Advance().Position;
            left = new BinaryNode(BinaryOperator.Concatenate, left, Additive(), position);
        }
        return left;
    }

    private FormulaNode Additive()
    {
        var left = Multiplicative();
        while (_current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var token = Advance();
            var op = token.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = new BinaryNode(op, left, Multiplicative(), token.Position);
        }
        return left;
    }

    private FormulaNode Multiplicative()
    {
        var left = Unary();
        while (_current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var token = Advance();
            var op = token.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            left = new BinaryNode(op, left, Unary(), token.Position);
        }
        return left;
    }

    private FormulaNode Unary()
    {
        if (_current.Kind == TokenKind.Minus)
        {
            var position = Advance().Position;
            return new NegateNode(Unary(), position);
        }
        if (_current.Kind == TokenKind.Plus)
        {
            Advance();
            return Unary();
        }
        return Primary();
    }

    private FormulaNode Primary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(FormulaValue.Number(token.Number), token.Position);
            case TokenKind.String:
                Advance();
                return new LiteralNode(FormulaValue.Text(token.Text), token.Position);
            case TokenKind.Field:
                Advance();
                return new FieldNode(token.Text, Braced: true, token.Position);
            case TokenKind.Identifier:
                Advance();
                return _current.Kind == TokenKind.LeftParen
                    ? Call(token)
                    : new FieldNode(token.Text, Braced: false, token.Position);
            case TokenKind.LeftParen:
                Advance();
                var inner = Comparison();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.End:
                throw new FormulaSyntaxException("Unexpected end of formula", token.Position);
            default:
                throw new FormulaSyntaxException($"Unexpected '{token.Text}'", token.Position);
        }
    }

    private CallNode Call(Token name)
    {
        Advance();
        var arguments = new List<FormulaNode>();
        if (_current.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                arguments.Add(Comparison());
                if (_current.Kind != TokenKind.Comma)
                {
                    break;
                }
                Advance();
            }
        }
        Expect(TokenKind.RightParen, $"')' to close {name.Text}(");
        return new CallNode(name.Text.ToUpperInvariant(), arguments, name.Position);
    }

    private void Expect(TokenKind kind, string what)
    {
        if (_current.Kind != kind)
        {
            var found = _current.Kind == TokenKind.End ? "end of formula" : $"'{_current.Text}'";
            throw new FormulaSyntaxException($"Expected {what} but found {found}", _current.Position);
        }
        Advance();
    }
}
