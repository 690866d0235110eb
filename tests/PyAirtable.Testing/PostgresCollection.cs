using System.Diagnostics.CodeAnalysis;

namespace PyAirtable.Testing;

/// <summary>
/// The xUnit collection of tests that use the shared PostgreSQL server:
/// <c>[Collection(PostgresCollection.Name)]</c>. xUnit looks for collection definitions only in
/// the test assembly itself, so an assembly whose tests take <see cref="PostgresFixture"/> in
/// their constructor declares, once,
/// <c>[CollectionDefinition(PostgresCollection.Name)] public sealed class PostgresTests : PostgresCollection;</c>.
/// Tests that only call <see cref="PostgresServer.Shared"/> need no definition.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It names an xUnit test collection.")]
public abstract class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL server";
}
