using System.Text.RegularExpressions;

namespace IamOps.Roles;

/// <summary>One principal a role trusts; built only through the factories, which check its form offline.</summary>
public sealed record TrustPrincipal
{
    private static readonly Regex ServicePattern = new(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex BareServiceName = new("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex AccountId = new(@"^\d{12}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex AwsPrincipalArn = new(@"^arn:aws[a-z-]*:(iam::\d{12}:(root|user/([\x21-\x7E]+/)?[A-Za-z0-9_+=,.@-]{1,64}|role/([\x21-\x7E]+/)?[A-Za-z0-9_+=,.@-]{1,64})|sts::\d{12}:assumed-role/[A-Za-z0-9_+=,.@-]{1,64}/[A-Za-z0-9_+=,.@-]{2,64})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex FederatedArn = new(@"^arn:aws[a-z-]*:iam::\d{12}:(saml-provider|oidc-provider)/[\x21-\x7E]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private TrustPrincipal(TrustPrincipalKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public TrustPrincipalKind Kind { get; }

    /// <summary>As written in the trust policy: a service name or an ARN.</summary>
    public string Value { get; }

    /// <summary>True for the EC2 service, whose roles reach instances through an instance profile.</summary>
    public bool IsEc2Service => Kind == TrustPrincipalKind.Service && (Value == "ec2.amazonaws.com" || Value == "ec2.amazonaws.com.cn");

    /// <summary>A service principal such as ec2.amazonaws.com (lower-cased; a bare name like 'ec2' is refused with the full form suggested).</summary>
    public static TrustPrincipal Service(string servicePrincipal)
    {
        var value = (servicePrincipal ?? string.Empty).Trim().ToLowerInvariant();
        if (value.Length > 0 && value.Length <= 128 && ServicePattern.IsMatch(value))
        {
            return new TrustPrincipal(TrustPrincipalKind.Service, value);
        }

        var hint = BareServiceName.IsMatch(value) ? $" Did you mean '{value}.amazonaws.com'?" : string.Empty;
        throw new IamOpsException("ServicePrincipalInvalid", FailureKind.InvalidArgument,
            $"'{servicePrincipal}' is not a service principal: use the service's name followed by .amazonaws.com, e.g. ec2.amazonaws.com, lambda.amazonaws.com or ssm.amazonaws.com.{hint}", servicePrincipal);
    }

    /// <summary>Another account (its root ARN, which stands for the whole account), or a user, role or assumed-role ARN.</summary>
    public static TrustPrincipal Aws(string accountIdOrArn, string partition)
    {
        var value = (accountIdOrArn ?? string.Empty).Trim();
        if (AccountId.IsMatch(value))
        {
            return new TrustPrincipal(TrustPrincipalKind.Aws, $"arn:{partition}:iam::{value}:root");
        }

        if (AwsPrincipalArn.IsMatch(value))
        {
            return new TrustPrincipal(TrustPrincipalKind.Aws, value);
        }

        throw new IamOpsException("AwsPrincipalInvalid", FailureKind.InvalidArgument,
            $"'{accountIdOrArn}' is not an AWS principal: use a 12-digit account id or an ARN such as arn:aws:iam::123456789012:user/alice or arn:aws:iam::123456789012:role/deploy.", accountIdOrArn);
    }

    /// <summary>A SAML or OIDC provider ARN.</summary>
    public static TrustPrincipal Federated(string providerArn)
    {
        var value = (providerArn ?? string.Empty).Trim();
        return FederatedArn.IsMatch(value)
            ? new TrustPrincipal(TrustPrincipalKind.Federated, value)
            : throw new IamOpsException("FederatedPrincipalInvalid", FailureKind.InvalidArgument,
                $"'{providerArn}' is not an identity provider ARN, e.g. arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com.", providerArn);
    }

    /// <summary>How the principal reads in plans and messages.</summary>
    public override string ToString() => Value;
}
