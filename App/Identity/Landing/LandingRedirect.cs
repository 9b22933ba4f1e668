namespace Prepaid.App.Identity.Landing;

public static class LandingRedirect
{
    /// <summary>
    /// Sends a signed-in user who opens "/" to its start page when the overview is not one it may use; runs
    /// before authorization, which would otherwise answer "access denied" for the address everyone types first.
    /// </summary>
    public static IApplicationBuilder UseLandingRedirect(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path == "/" && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.User.Identity?.IsAuthenticated == true
            && LandingRule.For(http.User) is var landing && landing != "/")
        {
            http.Response.Redirect(landing);
            return;
        }

        await next(http);
    });
}
