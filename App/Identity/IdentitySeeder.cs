using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Hosting;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Identity;

/// <summary>
/// Creates the roles (startup phase <see cref="StartupPhase.Seed"/>) and, on the first start of an empty user table,
/// the administrator (phase <see cref="StartupPhase.Administrators"/>).
/// </summary>
public sealed class IdentitySeeder(
    IServiceScopeFactory scopes,
    IOptions<SecurityOptions> security,
    IHostEnvironment environment,
    AuditLog audit,
    TimeProvider time,
    ILogger<IdentitySeeder> logger)
{
    public const string SeedUser = "system:identity-seed";

    /// <summary>A configured administrator password too weak for Production refuses the start.</summary>
    public void EnsureStrongAdminPasswordInProduction()
    {
        var configured = security.Value.AdminPassword;
        if (environment.IsProduction() && configured is not null && configured.Length < security.Value.PasswordMinLength)
        {
            throw new InvalidOperationException("Security:AdminPassword is too short for Production.");
        }
    }

    /// <summary>Creates every role that does not exist yet.</summary>
    public async Task SeedRolesAsync(CancellationToken cancellationToken)
    {
        EnsureStrongAdminPasswordInProduction();
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    /// <summary>On an empty user table, creates the administrator with the configured or a generated one-time password.</summary>
    public async Task SeedAdministratorAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PrepaidUser>>();
        if (users.Users.Any())
        {
            return;
        }

        var password = security.Value.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        password = generated ? PasswordGenerator.Generate() : password!;
        await CreateUserAsync(users, security.Value.AdminUserName, "Administrator", Roles.Administrator, password, mustChange: true);
        if (generated)
        {
            // Printed once: it is not stored anywhere in clear, and the first sign-in must replace it.
            logger.LogWarning("First run: created administrator '{UserName}' with the one-time password {Password} (change it at first sign-in).",
                security.Value.AdminUserName, password);
        }
        else
        {
            logger.LogInformation("First run: created administrator '{UserName}' with the configured password.", security.Value.AdminUserName);
        }
    }

    /// <summary>Creates a user in one role, audited as the seed; the caller checks it does not exist yet.</summary>
    public async Task CreateUserAsync(UserManager<PrepaidUser> users, string userName, string displayName, string role, string password, bool mustChange)
    {
        ArgumentNullException.ThrowIfNull(users);
        var user = new PrepaidUser
        {
            UserName = userName,
            DisplayName = displayName,
            MustChangePassword = mustChange,
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, password), $"user {userName}");
        Check(await users.AddToRoleAsync(user, role), $"role of {userName}");
        await audit.WriteAsync(AuditKind.UserChange, "user.create", SeedUser, null, $"user:{userName}",
            after: new { userName, displayName, roles = new[] { role }, mustChangePassword = mustChange });
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>The roles, before any user is created.</summary>
internal sealed class RoleSeedTask(IdentitySeeder seeder) : IStartupTask
{
    public StartupPhase Phase => StartupPhase.Seed;

    public Task RunAsync(CancellationToken cancellationToken) => seeder.SeedRolesAsync(cancellationToken);
}

/// <summary>The first administrator, before any other user (the demo's) exists.</summary>
internal sealed class AdministratorSeedTask(IdentitySeeder seeder) : IStartupTask
{
    public StartupPhase Phase => StartupPhase.Administrators;

    public Task RunAsync(CancellationToken cancellationToken) => seeder.SeedAdministratorAsync(cancellationToken);
}
