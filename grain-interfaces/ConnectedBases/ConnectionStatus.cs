namespace PyAirtable.GrainInterfaces.ConnectedBases;

public enum ConnectionStatus
{
    /// <summary>The token worked on its last use.</summary>
    Active = 1,

    /// <summary>Airtable refused the token (401/403): replace it.</summary>
    NeedsNewToken = 2,
}
