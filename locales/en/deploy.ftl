# potline messages (English): deploy — publishing the built site to a bucket or a served folder.

# The summary of a deploy.
deploy-summary = deployed to `{ $target }` ({ $location }): { $uploaded } uploaded ({ $size }), { $deleted } deleted, { $unchanged } unchanged{ $resumed ->
    [0] {""}
   *[other] , { $resumed } already there from an interrupted deploy
}{ $live ->
    [yes] , release { $release } is live
   *[no] {""}
} in { $seconds } s
deploy-summary-unchanged = nothing changed at `{ $target }` ({ $location }): 0 uploaded, 0 deleted, { $unchanged } unchanged{ $live ->
    [yes] , release { $release } stays live
   *[no] {""}
} in { $seconds } s
deploy-summary-dry-run = dry run for `{ $target }` ({ $location }): would upload { $uploaded ->
    [one] 1 file
   *[other] { $uploaded } files
} ({ $size }) and delete { $deleted }; { $unchanged } unchanged{ $resumed ->
    [0] {""}
   *[other] , { $resumed } already there from an interrupted deploy
}; nothing was changed
deploy-rolled-back = rolled `{ $target }` back from release { $from } to { $to }

# Progress, on standard error.
deploy-plan = { $uploads } to upload ({ $size }), { $deletions } to delete, { $unchanged } unchanged
deploy-plan-empty = nothing to upload or delete
deploy-uploaded-line = upload [{ $done }/{ $total }] { $path }
deploy-deleted-line = delete [{ $done }/{ $total }] { $path }
deploy-progress-planning = comparing with what the target has
deploy-progress-uploading = uploading
deploy-progress-deleting = deleting files the site no longer has
deploy-dry-new = new
deploy-dry-changed = changed
deploy-dry-delete = delete

# Choosing the target.
deploy-no-targets = site.yaml declares no deploy target
    .hint = add one under `deploy:`, e.g. `deploy: [{"{"} name: docroot, kind: folder, path: /var/www/my-site {"}"}]` (docs/deploy.md has every kind)
deploy-no-target-named = site.yaml declares no deploy target named `{ $name }`
    .hint = did you mean `{ $best }`?
deploy-no-target-named-list = site.yaml declares no deploy target named `{ $name }`
    .hint = the targets of site.yaml are { $names }
deploy-choose-target = site.yaml declares { $count } deploy targets ({ $names }): choose one
    .hint = potline deploy --target { $first }

# The settings of a bucket target.
deploy-bucket-name = `bucket` of deploy target `{ $name }` is `{ $value }`, which is not a bucket name
    .hint = a bucket name has only letters, digits, `.` and `-`, as the provider's console shows it, e.g. bucket: my-site
deploy-region = `region` of deploy target `{ $name }` is `{ $value }`, which is not a region
    .hint = a region has only letters, digits and `-`, e.g. region: cn-hongkong (R2: auto)
deploy-prefix = `prefix` of deploy target `{ $name }` is `{ $value }`, which is not a folder inside the bucket
    .hint = write folder names separated by `/`, without `.`, `..`, empty names or control characters, e.g. prefix: www
deploy-cache-control = `cache_control.{ $kind }` of deploy target `{ $name }` is `{ $value }`, which cannot be sent as a header
    .hint = write one line of plain ASCII text, e.g. { $kind }: "public, max-age=300"
deploy-endpoint = `endpoint` of deploy target `{ $name }` is `{ $value }`, which { $why ->
    [space] has a space or a control character in it
    [not-an-address] is not a web address ({ $reason })
    [scheme] does not start with https:// or http://
    [user] holds a user name or password (keys go in the environment, never in site.yaml)
    [path] has more than a host and a port
    [no-host] has no host
   *[host-character] has a character a host name cannot have
}
    .hint = write the service's address, e.g. endpoint: https://oss-cn-hongkong.aliyuncs.com
deploy-virtual-host-ip = deploy target `{ $name }` addresses its bucket as `bucket.host` (virtual_hosted_style), which an IP address cannot be
    .hint = use the service's host name in `endpoint`, or set virtual_hosted_style: false
deploy-not-an-address = deploy target `{ $name }` leads to `{ $value }`, which is not a web address
    .hint = check `endpoint`, `bucket` and `region` of the target in site.yaml

# Access keys.
deploy-key-half-set = deploy target `{ $name }`: `{ $set }` is set but `{ $unset }` is not
    .hint = set both, or neither to use the credentials file
deploy-no-key = no access key for deploy target `{ $name }`: `{ $id_var }` and `{ $secret_var }` are not set, and `{ $file }` has no profile `[{ $profile }]` with one
    .hint = export { $id_var }=... and { $secret_var }=... (in CI, from the repository's secrets); keys never go in site.yaml
deploy-credentials-too-large = `{ $path }` is larger than 1 MB, so it is not a credentials file
    .hint = point AWS_SHARED_CREDENTIALS_FILE at the file holding `[profile]` sections with the keys
deploy-credentials-not-utf8 = it is not UTF-8 text (save it as UTF-8)
deploy-key-character = { $kind ->
    [line-break] a line break ({ $code })
    [carriage-return] a carriage return ({ $code })
    [tab] a tab ({ $code })
    [control] a control character ({ $code })
    [space] a space ({ $code })
   *[other] the character { $code }, which no key has
}
deploy-key-variable-character = deploy target `{ $name }`: `{ $variable }` has { $what } inside its value
    .hint = copy the key again from the provider's console into `{ $variable }`; spaces and line breaks around it are ignored
deploy-key-file-character = `{ $key }` of profile `[{ $profile }]` has { $what } inside its value
    .hint = copy the key again from the provider's console into this line; spaces and line breaks around it are ignored

# Folder targets and rollback.
deploy-folder-no-name = `{ $path }` cannot be a deploy folder: it has no name
deploy-folder-foreign-link = `{ $path }` is a link to `{ $target }`, which potline did not make
    .hint = remove the link (potline makes its own), or deploy to another path
deploy-folder-is-file = `{ $path }` is a file, not a folder
    .hint = check `path` of the deploy target in site.yaml
deploy-rollback-nothing = deploy target `{ $name }` has nothing deployed yet (`{ $path }` does not exist), so there is nothing to roll back to
    .hint = potline deploy --target { $name } publishes the first release
deploy-rollback-foreign-folder = `{ $path }` is a folder potline did not deploy, so there is nothing to roll back to
    .hint = the first potline deploy keeps this folder as release `{ $release }`, which --rollback can bring back
deploy-rollback-no-older = deploy target `{ $name }` keeps no release older than the live one ({ $live })
    .hint = { $why ->
        [adopted] the live release is the folder that was there before potline's first deploy
        [first] the live release is the first one potline deployed
       *[removed] older releases were removed: `keep: { $keep }` of the target sets how many are kept; keep more to roll back further
    }
deploy-rollback-bucket = deploy target `{ $name }` is object storage, which keeps no earlier releases to roll back to
    .hint = deploy the previous version of the site again (git checkout <commit> && potline deploy --target { $name }), or turn on the bucket's versioning

# The built site and the service.
deploy-no-output = nothing to deploy: `{ $path }` is not a folder
    .hint = build the site first (drop --no-build), or pass --output <folder>
deploy-unreachable = deploy target `{ $name }` cannot be reached: { $reason }
deploy-object-key = `{ $path }` cannot be an object key: a name in it is empty, `.`, `..` or holds a control character
    .hint = rename the file in the site (`static/` or `content/`)
deploy-service-denied = could not { $action }{ $what } at { $location }: { $reason }
    .hint = check the access key, and that it may list, read, write and delete objects in the bucket
deploy-service-no-bucket = could not { $action }{ $what } at { $location }: { $reason }
    .hint = check `bucket` (and `endpoint`, `region`) of the target in site.yaml
deploy-service-unreachable = could not { $action }{ $what } at { $location }: { $reason }
    .hint = check `endpoint` of the target in site.yaml, and the network
deploy-service-failed = could not { $action }{ $what } at { $location }: { $reason }
deploy-manifest-damaged = the manifest `{ $file }` at { $location } is damaged
    .hint = delete it to upload every file again
deploy-threads-failed = could not start the upload threads: { $reason }
deploy-upload-failed = the upload failed: { $reason }
deploy-interrupted = the deploy stopped after { $done } of { $total } uploads; the published site still has every file its pages need
    .hint = run the same command again: files already uploaded are not sent again
