namespace PyAirtable.Formulas.Compilation;

// Foldable: pure in its arguments alone, so a call with constant arguments is evaluated once at compile time;
// functions reading the clock, the record or the context's time zone are not.
// PropagatesErrors: an error argument becomes the result without calling the function.
internal sealed record FunctionDefinition(
    string Name,
    int MinArguments,
    int MaxArguments,
    EagerFunction? Eager,
    LazyFunction? Lazy,
    bool Foldable,
    bool PropagatesErrors);
