using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.Grains.ConnectedBases;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>The pure pieces of the connected bases' records: batching, Airtable's list parameters, record comparison.</summary>
public sealed class GatewayRecordUnitTests
{
    private static RecordWrite Write(string? id) => new(id, new Dictionary<string, JsonElement>());

    private static RecordData Record(params (string Field, object Value)[] fields) =>
        new("recA", DateTimeOffset.UnixEpoch, fields.ToDictionary(f => f.Field, f => JsonSerializer.SerializeToElement(f.Value)));

    [Fact]
    public void TwentyFiveCreatesAreThreeBatchesOfAtMostTenInOrder()
    {
        var batches = BaseGrain.Batches(Enumerable.Range(0, 25).Select(_ => Write(null)).ToList());

        Assert.Equal([10, 10, 5], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 25), batches.SelectMany(b => b));
    }

    [Fact]
    public void CreatesAndUpdatesGoInSeparateBatchesWithoutChangingTheirOrder()
    {
        var batches = BaseGrain.Batches([Write(null), Write(null), Write("rec1"), Write(null)]);

        Assert.Equal([[0, 1], [2], [3]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public void ListParametersAreAirtablesWithFieldsByFieldId()
    {
        var query = BaseGrain.QueryString(new RecordQuery { FilterByFormula = "{A} = 'x'", Sort = [new ViewSort("A", "desc")], Fields = ["A"], PageSize = 100 });

        Assert.Equal("returnFieldsByFieldId=true&pageSize=100&filterByFormula=%7BA%7D%20%3D%20%27x%27&sort%5B0%5D%5Bfield%5D=A&sort%5B0%5D%5Bdirection%5D=desc&fields%5B%5D=A", query);
    }

    [Fact]
    public void ChangedFieldsAreThoseWhoseValuesDifferOrThatAppearOrDisappear()
    {
        var before = Record(("fldA", "x"), ("fldB", 1), ("fldC", new[] { "a" }));
        var after = Record(("fldA", "x"), ("fldB", 2), ("fldD", true), ("fldC", new[] { "a" }));

        Assert.Equal(["fldB", "fldD"], BaseGrain.ChangedFields(before, after).Order(StringComparer.Ordinal));
        Assert.Empty(BaseGrain.ChangedFields(before, before));
    }
}
