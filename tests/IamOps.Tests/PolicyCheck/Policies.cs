namespace IamOps.Tests.PolicyCheck;

/// <summary>Policy JSON the PolicyCheck tests share.</summary>
internal static class Policies
{
    public const string Admin = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    public static string Allow(string action, string resource = "*", string sid = "") =>
        $$"""{"Version":"2012-10-17","Statement":[{{{(sid.Length > 0 ? $"\"Sid\":\"{sid}\"," : string.Empty)}}"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}]}""";

    public static string Deny(string action, string resource = "*") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"{{action}}","Resource":"{{resource}}"}]}""";
}
