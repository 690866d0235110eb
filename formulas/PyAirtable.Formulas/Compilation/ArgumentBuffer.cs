using System.Runtime.CompilerServices;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Compilation;

/// <summary>Stack storage for up to eight evaluated arguments, so ordinary calls allocate no argument array.</summary>
[InlineArray(Capacity)]
internal struct ArgumentBuffer
{
    public const int Capacity = 8;

    private FormulaValue _element;
}
