using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Parsing;
using PyAirtable.Formulas.Schema;

namespace PyAirtable.Formulas;

/// <summary>
/// Compiles formula text against a schema. Parses are cached by text and compilations per schema instance,
/// both bounded; a schema whose fields change should be a new instance so stale bindings are not reused.
/// </summary>
public static class FormulaCompiler
{
    private const int ParseCacheCapacity = 4096;
    private const int CompileCacheCapacity = 1024;

    private static readonly BoundedCache<string, FormulaNode> _parses = new(ParseCacheCapacity);

    // Weak keys: a schema dropped by its owner takes its compiled formulas with it.
    private static readonly ConditionalWeakTable<IFormulaSchema, BoundedCache<(string, FormulaCompileOptions), CompiledFormula>> _compiled = new();

    /// <exception cref="FormulaSyntaxException">The text is not a well-formed formula.</exception>
    /// <exception cref="FormulaCompileException">Unknown fields or functions, or a wrong argument count.</exception>
    public static CompiledFormula Compile(string text, IFormulaSchema schema, FormulaCompileOptions options = FormulaCompileOptions.None)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(schema);
        var cache = _compiled.GetValue(schema, static _ => new(CompileCacheCapacity));
        return cache.GetOrAdd((text, options), key => CompileUncached(key.Item1, schema, key.Item2));
    }

    public static bool TryCompile(
        string text,
        IFormulaSchema schema,
        [NotNullWhen(true)] out CompiledFormula? formula,
        [NotNullWhen(false)] out FormulaException? error,
        FormulaCompileOptions options = FormulaCompileOptions.None)
    {
        try
        {
            formula = Compile(text, schema, options);
            error = null;
            return true;
        }
        catch (FormulaException exception)
        {
            formula = null;
            error = exception;
            return false;
        }
    }

    private static CompiledFormula CompileUncached(string text, IFormulaSchema schema, FormulaCompileOptions options)
    {
        var tree = _parses.GetOrAdd(text, FormulaParser.Parse);
        var binder = new FormulaBinder(schema, options);
        var root = binder.BindRoot(tree);
        return new CompiledFormula(text, root, binder.ReferencedFields.ToArray(), options);
    }
}
