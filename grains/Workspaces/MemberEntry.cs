using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Grains.Workspaces;

public sealed record MemberEntry(WorkspaceRole Role, DateTimeOffset JoinedAt);
