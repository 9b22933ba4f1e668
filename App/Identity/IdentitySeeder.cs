using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Prepaid.App.Demo;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Identity;

/// <summary>Creates the roles, the first-run administrator and, for the demo, one user per role.</summary>
public sealed class IdentitySeeder(
    IServiceScopeFactory scopes,
    IOptions<SecurityOptions> security,
    IOptions<DemoOptions> demo,
    IHostEnvironment environment,
    AuditLog audit,
    TimeProvider time,
    ILogger<IdentitySeeder> logger)
{
    public const string SeedUser = "system:identity-seed";

    /// <summary>Demo and default secrets are published; a production site must not run with them.</summary>
    public void EnsureNoPublishedSecretsInProduction()
    {
        if (!environment.IsProduction())
        {
            return;
        }

        if (demo.Value.Enabled)
        {
            throw new InvalidOperationException(
                "Demo:Enabled is on in Production: the demo users' passwords are published in the README. " +
                "Set Demo:Enabled=false, or run the demo with ASPNETCORE_ENVIRONMENT=Development.");
        }

        var configured = security.Value.AdminPassword;
        if (configured is not null && (DemoUsers.All.Any(u => u.Password == configured) || configured.Length < security.Value.PasswordMinLength))
        {
            throw new InvalidOperationException("Security:AdminPassword is a published demo password or too short for Production.");
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        EnsureNoPublishedSecretsInProduction();
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PrepaidUser>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        if (!users.Users.Any())
        {
            var password = security.Value.AdminPassword;
            var generated = string.IsNullOrEmpty(password);
            password = generated ? PasswordGenerator.Generate() : password!;
            await CreateAsync(users, security.Value.AdminUserName, "Administrator", Roles.Administrator, password, mustChange: true);
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

        if (demo.Value.Enabled)
        {
            foreach (var (userName, displayName, role, password) in DemoUsers.All)
            {
                if (await users.FindByNameAsync(userName) is null)
                {
                    await CreateAsync(users, userName, displayName, role, password, mustChange: false);
                }
            }
        }
    }

    private async Task CreateAsync(UserManager<PrepaidUser> users, string userName, string displayName, string role, string password, bool mustChange)
    {
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
