using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// IAM's operations over the account state, with IAM's rules and error codes. Every method runs under the account's
/// lock (through <see cref="SimulatedAccount.Invoke{T}"/>) and returns the port's types, which both the in-process
/// connection and the HTTP endpoint hand out.
/// </summary>
internal sealed partial class IamService
{
    private readonly SimulatedAccount _account;

    public IamService(SimulatedAccount account) => _account = account;

    private AccountState State => _account.State;

    private string AccountId => _account.AccountId;

    private DateTime Now => _account.Now;

    /// <summary>Creates the Administrator user with AdministratorAccess, and its key.</summary>
    public SimulatorCredentials SeedAdministrator()
    {
        lock (_account.Gate)
        {
            CreateUser(new CreateUserRequest { UserName = SimulatedAccount.AdministratorUserName });
            // Attached directly, not through a group: a new account has no groups, so a baseline run sees one as AWS shows it.
            AttachPolicy(IdentityKind.User, SimulatedAccount.AdministratorUserName, ManagedPolicyCatalog.AdministratorAccessArn);
            var key = CreateAccessKey(null, SimulatedAccount.AdministratorUserName);
            return new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey);
        }
    }

    // Users

    public IamUser CreateUser(CreateUserRequest request)
    {
        IamNameRules.CheckName("userName", request.UserName, IamQuotas.UserNameLength);
        var path = IamNameRules.CheckPath(request.Path);
        IamNameRules.CheckTags(request.Tags);
        CheckBoundary(request.PermissionsBoundaryArn);
        if (State.Users.ContainsKey(request.UserName))
        {
            throw ServiceError.AlreadyExists($"User with name {request.UserName} already exists.");
        }

        if (State.Users.Count >= State.Quotas.Users)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for UsersPerAccount: {State.Quotas.Users}");
        }

        var user = new UserState
        {
            Name = request.UserName,
            Id = SecretGenerator.UniqueId("AIDA"),
            Path = path,
            CreateDate = Now,
            PermissionsBoundaryArn = request.PermissionsBoundaryArn,
            Tags = ToState(request.Tags),
        };
        State.Users[user.Name] = user;
        CountBoundary(user.PermissionsBoundaryArn, +1);
        return ToUser(user, full: true);
    }

    public IamUser GetUser(CallerPrincipal caller, string? userName) => ToUser(OwnUserOrNamed(caller, userName), full: true);

    public void TagUser(string userName, IReadOnlyList<IamTag> tags)
    {
        var user = FindUser(userName);
        user.Tags = MergeTags(user.Tags, tags);
    }

    public void UntagUser(string userName, IReadOnlyList<string> tagKeys) =>
        FindUser(userName).Tags.RemoveAll(t => tagKeys.Contains(t.Key, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyList<IamUser> ListUsers(string? pathPrefix) =>
        State.Users.Values.Where(u => UnderPath(u.Path, pathPrefix)).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Select(u => ToUser(u, full: false)).ToList();

    public void PutUserPermissionsBoundary(string userName, string permissionsBoundaryArn)
    {
        var user = FindUser(userName);
        CheckBoundary(permissionsBoundaryArn ?? throw ServiceError.Missing("permissionsBoundary"));
        CountBoundary(user.PermissionsBoundaryArn, -1);
        user.PermissionsBoundaryArn = permissionsBoundaryArn;
        CountBoundary(user.PermissionsBoundaryArn, +1);
    }

    public void DeleteUserPermissionsBoundary(string userName)
    {
        var user = FindUser(userName);
        CountBoundary(user.PermissionsBoundaryArn, -1);
        user.PermissionsBoundaryArn = null;
    }

    public void DeleteUser(string userName)
    {
        var user = FindUser(userName);
        if (user.LoginProfile is not null)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must delete login profile first.");
        }

        if (user.AccessKeys.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must delete access keys first.");
        }

        if (user.SigningCertificates.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must delete signing certificates first.");
        }

        if (user.SshPublicKeys.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must delete SSH public keys first.");
        }

        if (user.ServiceSpecificCredentials.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must delete service specific credentials first.");
        }

        if (user.MfaSerials.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must delete MFA device first.");
        }

        if (user.Groups.Count > 0)
        {
            throw ServiceError.DeleteConflict("Cannot delete entity, must remove users from group first.");
        }

        CheckNoPolicies(user.AttachedPolicyArns, user.InlinePolicies);

        CountBoundary(user.PermissionsBoundaryArn, -1);
        State.Users.Remove(user.Name);
    }

    // Login profiles

    public LoginProfile CreateLoginProfile(string userName, string password, bool passwordResetRequired)
    {
        var user = FindUser(userName);
        CheckPassword(password);
        if (user.LoginProfile is not null)
        {
            throw ServiceError.AlreadyExists($"Login Profile for user {user.Name} already exists.");
        }

        user.LoginProfile = new LoginProfileState
        {
            CreateDate = Now,
            PasswordResetRequired = passwordResetRequired,
            PasswordHash = PasswordHash.Hash(password, _account.PasswordHashIterations),
            PasswordLastChanged = Now,
        };
        return new LoginProfile { UserName = user.Name, CreateDate = user.LoginProfile.CreateDate, PasswordResetRequired = passwordResetRequired };
    }

    public LoginProfile GetLoginProfile(string userName)
    {
        var user = FindUser(userName);
        var profile = user.LoginProfile ?? throw ServiceError.NoSuchEntity($"Login Profile for User {user.Name} cannot be found.");
        return new LoginProfile { UserName = user.Name, CreateDate = profile.CreateDate, PasswordResetRequired = profile.PasswordResetRequired };
    }

    public void UpdateLoginProfile(string userName, string? password, bool? passwordResetRequired)
    {
        var user = FindUser(userName);
        var profile = user.LoginProfile ?? throw ServiceError.NoSuchEntity($"Login Profile for User {user.Name} cannot be found.");
        if (password is not null)
        {
            CheckPassword(password);
            profile.PasswordHash = PasswordHash.Hash(password, _account.PasswordHashIterations);
            profile.PasswordLastChanged = Now;
        }

        if (passwordResetRequired is not null)
        {
            profile.PasswordResetRequired = passwordResetRequired.Value;
        }
    }

    public void DeleteLoginProfile(string userName)
    {
        var user = FindUser(userName);
        if (user.LoginProfile is null)
        {
            throw ServiceError.NoSuchEntity($"Login Profile for User {user.Name} cannot be found.");
        }

        user.LoginProfile = null;
    }

    /// <summary>Whether <paramref name="password"/> is the user's console password (for tests; IAM has no such call).</summary>
    public bool PasswordMatches(string userName, string password) =>
        FindUser(userName).LoginProfile is { } profile && PasswordHash.Verify(password, profile.PasswordHash);

    // Access keys

    public NewAccessKey CreateAccessKey(CallerPrincipal? caller, string? userName)
    {
        var user = caller is null ? FindUser(userName!) : OwnUserOrNamed(caller, userName);
        if (user.AccessKeys.Count >= IamQuotas.AccessKeysPerUser)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for AccessKeysPerUser: {IamQuotas.AccessKeysPerUser}");
        }

        var key = new AccessKeyState
        {
            AccessKeyId = SecretGenerator.AccessKeyId("AKIA"),
            SecretAccessKey = SecretGenerator.SecretAccessKey(),
            CreateDate = Now,
        };
        user.AccessKeys.Add(key);
        _account.IndexKey(key.AccessKeyId, user.Name);
        return new NewAccessKey { UserName = user.Name, AccessKeyId = key.AccessKeyId, SecretAccessKey = key.SecretAccessKey, Status = AccessKeyStatus.Active, CreateDate = key.CreateDate };
    }

    public IReadOnlyList<AccessKeyMetadata> ListAccessKeys(CallerPrincipal caller, string? userName)
    {
        var user = OwnUserOrNamed(caller, userName);
        return user.AccessKeys.Select(k => new AccessKeyMetadata { UserName = user.Name, AccessKeyId = k.AccessKeyId, Status = ParseStatus(k.Status), CreateDate = k.CreateDate }).ToList();
    }

    public void UpdateAccessKey(CallerPrincipal caller, string? userName, string accessKeyId, AccessKeyStatus status)
    {
        if (status is not (AccessKeyStatus.Active or AccessKeyStatus.Inactive))
        {
            throw ServiceError.Constraint("status", status.ToString(), "Member must satisfy enum value set: [Active, Inactive]");
        }

        FindKey(OwnUserOrNamed(caller, userName), accessKeyId).Status = status.ToString();
    }

    public void DeleteAccessKey(CallerPrincipal caller, string? userName, string accessKeyId)
    {
        var user = OwnUserOrNamed(caller, userName);
        user.AccessKeys.Remove(FindKey(user, accessKeyId));
        _account.UnindexKey(accessKeyId);
    }

    /// <summary>GetAccessKeyLastUsed: the owner's name and the key's last use, if any.</summary>
    public (string UserName, AccessKeyState Key) GetAccessKeyLastUsed(string accessKeyId)
    {
        foreach (var user in State.Users.Values)
        {
            var key = user.AccessKeys.FirstOrDefault(k => k.AccessKeyId == accessKeyId);
            if (key is not null)
            {
                return (user.Name, key);
            }
        }

        throw ServiceError.AccessDenied("The specified access key is not found.");
    }

    private static AccessKeyState FindKey(UserState user, string accessKeyId) =>
        user.AccessKeys.FirstOrDefault(k => k.AccessKeyId == accessKeyId)
        ?? throw ServiceError.NoSuchEntity($"The Access Key with id {accessKeyId} cannot be found.");

    private static AccessKeyStatus ParseStatus(string status) => status switch
    {
        "Inactive" => AccessKeyStatus.Inactive,
        "Expired" => AccessKeyStatus.Expired,
        _ => AccessKeyStatus.Active,
    };

    private UserState FindUser(string? userName)
    {
        IamNameRules.CheckName("userName", userName, IamQuotas.UserNameLength);
        return State.Users.TryGetValue(userName!, out var user)
            ? user
            : throw ServiceError.NoSuchEntity($"The user with name {userName} cannot be found.");
    }

    /// <summary>IAM's rule for calls whose user name is optional: omitted means the calling user.</summary>
    private UserState OwnUserOrNamed(CallerPrincipal caller, string? userName)
    {
        if (userName is not null)
        {
            return FindUser(userName);
        }

        return caller.User is not null && State.Users.TryGetValue(caller.User.Name, out var own)
            ? own
            : throw ServiceError.Validation("Must specify userName when calling with non-User credentials");
    }

    private void CheckPassword(string? password)
    {
        if (password is null)
        {
            throw ServiceError.Missing("password");
        }

        IamNameRules.CheckLength("password", password, 1, 128);
        var policy = State.PasswordPolicy ?? new PasswordPolicy();
        var problems = new List<string>();
        if (password.Length < policy.MinimumPasswordLength)
        {
            problems.Add($"Password should have a minimum length of {policy.MinimumPasswordLength}");
        }

        if (policy.RequireLowercaseCharacters && !password.Any(char.IsLower))
        {
            problems.Add("Password should have at least one lowercase letter");
        }

        if (policy.RequireUppercaseCharacters && !password.Any(char.IsUpper))
        {
            problems.Add("Password should have at least one uppercase letter");
        }

        if (policy.RequireNumbers && !password.Any(char.IsDigit))
        {
            problems.Add("Password should have at least one number");
        }

        if (policy.RequireSymbols && !password.Any(c => "!@#$%^&*()_+-=[]{}|'".IndexOf(c) >= 0))
        {
            problems.Add("Password should have at least one symbol");
        }

        if (problems.Count > 0)
        {
            throw new ServiceError("PasswordPolicyViolation", 400, string.Join("\n", problems));
        }
    }
}
