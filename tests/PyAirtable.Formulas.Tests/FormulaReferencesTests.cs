namespace PyAirtable.Formulas.Tests;

public sealed class FormulaReferencesTests
{
    private static string? QtyToAmount(string name) => name == "Qty" ? "Amount" : null;

    [Fact]
    public void BracedAndBareReferencesAreRenamedAndTheRestStaysAsWritten()
    {
        Assert.Equal("{Amount} * 2 + {Amount} /* Qty */ & 'Qty'", FormulaReferences.Rename("{Qty} * 2 + Qty /* Qty */ & 'Qty'", QtyToAmount));
    }

    [Fact]
    public void AFunctionOfTheSameNameIsNotAReference()
    {
        Assert.Equal("Qty({Amount})", FormulaReferences.Rename("Qty(Qty)", QtyToAmount));
    }

    [Fact]
    public void ANewNameWithABraceIsEscaped()
    {
        Assert.Equal("{a \\} b} > 1", FormulaReferences.Rename("{Qty} > 1", _ => "a } b"));
    }

    [Fact]
    public void TextThatDoesNotLexOrNamesNothingIsReturnedUnchanged()
    {
        Assert.Equal("{Qty", FormulaReferences.Rename("{Qty", QtyToAmount));
        Assert.Equal("{Other} + 1", FormulaReferences.Rename("{Other} + 1", QtyToAmount));
    }
}
