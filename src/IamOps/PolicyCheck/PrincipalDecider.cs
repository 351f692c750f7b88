using IamOps.Aws;

namespace IamOps.PolicyCheck;

/// <summary>
/// Principal mode: a user's, group's or role's policies from the account, decided locally; or, with remote, the
/// same question put to IAM's SimulatePrincipalPolicy. The request's own identity policies and boundary are ignored.
/// </summary>
public sealed class PrincipalDecider
{
    private readonly IIam _iam;
    private readonly PrincipalPolicyReader _reader;

    public PrincipalDecider(IIam iam)
    {
        _iam = iam;
        _reader = new PrincipalPolicyReader(iam);
    }

    public async Task<DecisionOutcome> DecideAsync(IdentityKind kind, string name, DecisionRequest question, bool remote, CancellationToken cancellationToken)
    {
        Action<string> checkName = kind switch
        {
            IdentityKind.User => Accounts.IamNames.CheckUserName,
            IdentityKind.Group => Accounts.IamNames.CheckGroupName,
            _ => Accounts.IamNames.CheckRoleName,
        };
        checkName(name);
        if (remote)
        {
            var arn = await _reader.ReadArnAsync(kind, name, cancellationToken).ConfigureAwait(false);
            return DecisionOutcome.Of(await RemoteSimulation.SimulatePrincipalAsync(_iam, arn, question with { PrincipalArn = arn }, cancellationToken).ConfigureAwait(false));
        }

        var principal = await _reader.ReadAsync(kind, name, cancellationToken).ConfigureAwait(false);
        return LocalDecider.Decide(question with
        {
            PrincipalArn = principal.PrincipalArn,
            IdentityPolicies = principal.IdentityPolicies,
            PermissionsBoundary = principal.PermissionsBoundary,
            RoleTrustPolicies = question.TrustPolicy is null ? await _reader.ReadTrustPoliciesAsync(question.Resources, principal.PrincipalArn, cancellationToken).ConfigureAwait(false) : question.RoleTrustPolicies,
        });
    }
}
