using PyAirtable.GrainInterfaces.Audit;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.Audit;
using PyAirtable.Grains.Security;
using PyAirtable.Grains.Users;
using PyAirtable.Grains.Workspaces;

namespace PyAirtable.Api.Tests;

/// <summary>The pure decisions, without a silo.</summary>
public sealed class UnitTests
{
    private static readonly DateTimeOffset s_now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheDefaultPasswordHashUsesAtLeast600000IterationsAndVerifies()
    {
        var hash = PasswordHasher.Hash("a-Fine-password-1", new SecurityOptions().PasswordIterations);

        Assert.True(hash.Iterations >= 600_000);
        Assert.True(PasswordHasher.Verify("a-Fine-password-1", hash));
        Assert.False(PasswordHasher.Verify("a-fine-password-1", hash));
        Assert.True(PasswordHasher.NeedsUpgrade(hash with { Iterations = 1000 }, 600_000));
    }

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(20000000000L, "353130")]
    public void TotpMatchesTheRfc6238TestVectors(long unixTime, string code)
    {
        var secret = "12345678901234567890"u8.ToArray();
        Assert.Equal(code, Totp.Compute(secret, unixTime / 30));
    }

    [Fact]
    public void ATotpCodeWorksOneStepEitherSideAndNeverTwice()
    {
        var secret = "12345678901234567890"u8.ToArray();
        var step = Totp.StepAt(s_now);

        Assert.Equal(step - 1, Totp.Match(secret, Totp.Compute(secret, step - 1), s_now, 0));
        Assert.Equal(step + 1, Totp.Match(secret, Totp.Compute(secret, step + 1), s_now, 0));
        Assert.Null(Totp.Match(secret, Totp.Compute(secret, step - 2), s_now, 0));
        Assert.Null(Totp.Match(secret, Totp.Compute(secret, step), s_now, step));
    }

    [Fact]
    public void ThrottlingDelaysGrowAfterFreeFailuresAndEndAfterAnHour()
    {
        var failures = Enumerable.Range(0, 5).Select(i => s_now.AddSeconds(i)).ToList();
        Assert.False(LoginThrottlePolicy.Decide(failures, s_now.AddSeconds(5), ThrottleLimits.Account).Allowed);
        Assert.True(LoginThrottlePolicy.Decide(failures, s_now.AddHours(1.1), ThrottleLimits.Account).Allowed);
        var hundred = Enumerable.Range(0, 100).Select(i => s_now.AddSeconds(i * 30)).ToList();
        Assert.False(LoginThrottlePolicy.Decide(hundred, s_now.AddMinutes(55), ThrottleLimits.Account).Allowed);
    }

    [Fact]
    public void ReusingARotatedRefreshTokenRevokesItsFamily()
    {
        var family = new RefreshFamily("f", s_now, s_now.AddDays(30), "h1", [], false);
        var (rotated, families) = RefreshTokenRules.Rotate([family], "h1", "h2", s_now);
        var (reused, after) = RefreshTokenRules.Rotate(families, "h1", "h3", s_now);

        Assert.Equal(RefreshResult.Rotated, rotated);
        Assert.Equal(RefreshResult.Reused, reused);
        Assert.True(after[0].Revoked);
        Assert.Equal(RefreshResult.Invalid, RefreshTokenRules.Rotate(after, "h2", "h4", s_now).Result);
        Assert.Equal(RefreshResult.Invalid, RefreshTokenRules.Rotate([family], "h1", "h2", s_now.AddDays(31)).Result);
    }

    [Fact]
    public void RoleRulesProtectTheLastOwnerAndKeepOwnershipWithOwners()
    {
        Assert.Throws<ConflictException>(() => WorkspaceRules.CheckRoleChange(WorkspaceRole.Owner, WorkspaceRole.Owner, WorkspaceRole.Admin, owners: 1));
        Assert.Throws<ForbiddenException>(() => WorkspaceRules.CheckRoleChange(WorkspaceRole.Admin, WorkspaceRole.Editor, WorkspaceRole.Owner, owners: 1));
        Assert.Throws<ConflictException>(() => WorkspaceRules.CheckRemoval(self: true, WorkspaceRole.Owner, WorkspaceRole.Owner, owners: 1));
        Assert.Throws<KeyNotFoundException>(() => WorkspaceRules.Require(null, WorkspaceRole.Viewer));
        WorkspaceRules.CheckRoleChange(WorkspaceRole.Owner, WorkspaceRole.Owner, WorkspaceRole.Admin, owners: 2);
        Assert.Equal(WorkspaceRole.Viewer, WorkspaceRules.RoleOf([GrainInterfaces.ApiKeys.ApiKeyScope.Read]));
    }

    [Fact]
    public void TheAuditChainNamesTheFirstAlteredOrMissingEntry()
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= 4; i++)
        {
            var entry = AuditChain.Append(i, new AuditEvent("a" + i, "u", "t", null, s_now, null, "success"), previous);
            entries.Add(entry);
            previous = entry.Hash;
        }

        Assert.True(AuditChain.Verify(entries).Valid);
        var edited = entries.Select(e => e.Sequence == 3 ? e with { Event = e.Event with { ActorId = "x" } } : e);
        Assert.Equal(3, AuditChain.Verify(edited).FirstInvalidSequence);
        Assert.Equal(2, AuditChain.Verify(entries.Where(e => e.Sequence != 2)).FirstInvalidSequence);
    }

    [Fact]
    public void TheCommonPasswordsListIsEmbeddedAndCaseInsensitive()
    {
        Assert.NotNull(PasswordPolicy.Check("PassWord1"));
        Assert.Null(PasswordPolicy.Check("a-Fine-password-1"));
    }
}
