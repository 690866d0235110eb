using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Grains.Security;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Storage;

namespace PyAirtable.Silo.Configuration;

/// <summary>
/// First start: when no user exists, creates the platform administrator with a random one-time
/// password (or <c>Auth:BootstrapAdminPassword</c>), printed once; it must be changed at first sign-in.
/// In embedded mode (not PostgreSQL) it also gets a Demo workspace with the Product Launch base
/// (<c>LocalBases:DemoBase</c> switches that).
/// Runs after the runtime's hosted service, so grains are up.
/// </summary>
internal sealed partial class AdminBootstrap(IGrainFactory grains, IConfiguration configuration, IRuntimeStorage storage, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if ((await grains.GetGrain<IUserDirectoryGrain>("all").ListAsync()).Count > 0)
        {
            return;
        }

        var email = configuration["Auth:AdminEmail"] is { Length: > 0 } configured ? configured : "admin@pyairtable.local";
        var generated = configuration["Auth:BootstrapAdminPassword"] is not { Length: > 0 };
        var password = generated ? Secrets.NewToken(18) : configuration["Auth:BootstrapAdminPassword"]!;
        var adminId = Secrets.NewId();
        await grains.GetGrain<IUserGrain>(adminId).CreateAsync(new RegisterUserRequest(email, password, "Administrator", IsPlatformAdmin: true, MustChangePassword: true));
        if (configuration.GetValue("LocalBases:DemoBase", storage.ProviderName != "postgres"))
        {
            var baseId = await DemoBase.CreateAsync(grains, Secrets.NewId(), new Caller(adminId, null));
            Log.DemoCreated(logger, DemoBase.Name, baseId);
        }
        if (generated)
        {
            // Printed to the console only, never to the log: it is a secret, shown once.
            await Console.Out.WriteLineAsync($"""

                ==> PyAirtable administrator created: {email}
                    one-time password: {password}
                    Sign in (POST /api/v1/auth/login) and change it (POST /api/v1/me/password); it is not shown again.

                """);
        }

        Log.Created(logger, email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Created the platform administrator {Email} with a one-time password; it must be changed at first sign-in")]
        public static partial void Created(ILogger logger, string email);

        [LoggerMessage(Level = LogLevel.Information, Message = "Created the demo base {Name} ({BaseId}) in the administrator's Demo workspace")]
        public static partial void DemoCreated(ILogger logger, string name, string baseId);
    }
}
