using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Template;

namespace Prepaid.App.Identity.Landing;

/// <summary>
/// Answers "may this user open this local path?" from the app's own endpoints and their authorization metadata,
/// so the answer follows each page's <c>[RequirePermission]</c> instead of a second list that could drift.
/// </summary>
public sealed class PageAccess(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
{
    public async Task<bool> MayOpenAsync(ClaimsPrincipal user, string localPath)
    {
        var path = new PathString(localPath.Split('?', '#')[0]);
        var matches = endpoints.Endpoints.OfType<RouteEndpoint>().Where(e => AnswersGet(e) && Matches(e, path)).ToList();
        if (matches.Count == 0)
        {
            // Nothing is there: a "page not found" is no better a landing than "access denied".
            return false;
        }

        foreach (var endpoint in matches)
        {
            if (!await AllowsAsync(user, endpoint))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> AllowsAsync(ClaimsPrincipal user, Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return true;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                         endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
                     ?? await policies.GetFallbackPolicyAsync();
        return policy is null || (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }

    private static bool AnswersGet(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods
        || methods.HttpMethods.Count == 0
        || methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase);

    // Route constraints are not checked: a path of the right shape names the page whose permission matters. Catch-alls
    // are skipped: no page has one, and the framework's file fallback ({**path:file}) would match any address.
    private static bool Matches(RouteEndpoint endpoint, PathString path) =>
        !endpoint.RoutePattern.Parameters.Any(p => p.IsCatchAll)
        && new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary());
}
