"""Every sentence the Slack app says on its own, in Chinese and English.

`say(key, lang, **fields)` picks the wording; the interview's own questions and
messages come from the interview engine, not from here.
"""
from __future__ import annotations

from bot.language import Language

_TEXTS: dict[str, tuple[str, str]] = {   # key: (zh, en)
    # --- interview buttons and labels ----------------------------------------------------
    "skip": ("跳过", "Skip"),
    "back": ("上一题", "Back"),
    "pause": ("暂停", "Pause"),
    "resume": ("继续访谈", "Resume"),
    "explain": ("为什么问这个?", "Why this question?"),
    "confirm": ("全部确认", "Confirm all"),
    "remove": ("删除", "Remove"),
    "edit": ("修改", "Edit"),
    "question_n": ("第 {n} 题", "Question {n}"),
    "question_of": ("第 {n} 题(共约 {total} 题)", "Question {n} of about {total}"),
    "confirmed": ("已确认", "confirmed"),
    "corrected": ("已修改", "corrected"),
    "checklist": ("检查清单", "Checklist"),
    "quick_choices": ("可直接点选,或输入您自己的回答:", "Pick one, or type your own answer:"),
    "review_title": ("以下是我整理出的您的需求,请确认:", "Here is what I understood from your answers. Please check:"),
    "review_hint": ("要修改某一条,点「修改」,或直接回复 `REQ-003: 修改后的内容`。",
                    "To correct an item, press Edit, or reply `REQ-003: the corrected text`."),
    "review_empty": ("我没有从您的回答里整理出需求条目。", "I did not find requirements in your answers."),
    "priority": ("优先级", "priority"),
    "you_chose": ("您选择了:{choice}", "You chose: {choice}"),
    "you_pressed": ("➜ {label}", "➜ {label}"),
    "stale": ("这个问题已经过去了,我们现在在这里:", "That question is no longer open; here is where we are:"),
    "not_yours": ("这些按钮属于另一位同事的访谈。", "Those buttons belong to someone else's interview."),
    "edit_title": ("修改需求", "Correct a requirement"),
    "edit_label": ("修改后的内容", "Corrected text"),
    "save": ("保存", "Save"),
    "cancel": ("取消", "Cancel"),
    "error": ("抱歉,我这边出了点问题。您之前的回答都已保存,请稍后再试。",
              "Sorry, something went wrong on my side. Your earlier answers are saved; please try again."),
    "no_interview": ("目前没有需要您回答的访谈。您可以随时问我关于订单管理系统实施检查清单的问题,例如「上线一般要多久?」",
                     "You have no open interview right now. You can ask me anything about the OMS implementation "
                     "checklist, for example \"What belongs in UAT?\""),
    "invited_by": ("{pm} 邀请您参加「{project}」项目的需求访谈。大约需要 10–15 分钟,可以随时暂停。",
                   "{pm} invited you to the requirements interview for \"{project}\". It takes about 10–15 "
                   "minutes and you can pause at any time."),
    "reminder": ("提醒:「{project}」项目的需求访谈还在等您的回答。", "A reminder: the requirements interview for "
                 "\"{project}\" is waiting for your answers."),
    # --- Q&A --------------------------------------------------------------------------------
    "sources": ("引用章节", "Sources"),
    "empty_question": ("请在 @ 我之后写下您的问题。", "Write your question after mentioning me."),
    "bad_question": ("这个问题我没法回答:{reason}", "I cannot answer that: {reason}"),
    # --- project managers -------------------------------------------------------------------
    "help": (
        "*/reqbot 项目经理命令*\n"
        "• `/reqbot new 项目名称 [--lang zh|en]`:把当前频道设为项目频道,您成为项目经理\n"
        "• `/reqbot invite @同事 角色 [@同事 角色 …]`:私信邀请并开始访谈。角色:{roles}\n"
        "• `/reqbot status`:谁已完成、谁还没有,按角色和主题的覆盖情况\n"
        "• `/reqbot remind`:提醒所有未完成的人(每人一次)\n"
        "• `/reqbot requirements`:在频道里列出优先级最高的需求\n"
        "• `/reqbot spec [--lang zh|en]`:生成需求规格说明书 (.docx) 并上传到项目频道\n"
        "• `/reqbot priority REQ-003 must|should|could|wont`:手动调整优先级(记录调整人和时间)\n"
        "任何人都可以 @我 或私信我提问检查清单的问题。",
        "*/reqbot commands for project managers*\n"
        "• `/reqbot new NAME [--lang zh|en]`: this channel becomes the project's channel and you its manager\n"
        "• `/reqbot invite @user ROLE [@user ROLE …]`: DM each person and start their interview. Roles: {roles}\n"
        "• `/reqbot status`: who finished, who is pending, coverage by role and topic\n"
        "• `/reqbot remind`: nudge everyone still pending (once each)\n"
        "• `/reqbot requirements`: the top of the prioritized list, in this channel\n"
        "• `/reqbot spec [--lang zh|en]`: build the requirements specification (.docx) and upload it here\n"
        "• `/reqbot priority REQ-003 must|should|could|wont`: override a priority (who and when are kept)\n"
        "Anyone can mention me or DM me with a checklist question."),
    "refused": ("抱歉,只有本项目的项目经理(创建者)和管理员可以使用这个命令。如需权限,请联系 {owner}。",
                "Sorry, only this project's manager (its creator) and the reqbot admins can use this command. "
                "Please ask {owner} if you need it."),
    "refused_new": ("抱歉,只有 reqbot 管理员可以创建项目。请联系管理员。",
                    "Sorry, only reqbot admins can create projects. Please ask an admin."),
    "an_admin": ("管理员", "an admin"),
    "no_project": ("这个频道还不是项目频道。在项目频道里运行命令,或用 `/reqbot new 项目名称` 创建项目。",
                   "This channel has no project. Run the command in a project channel, or create one here with "
                   "`/reqbot new NAME`."),
    "not_in_dm": ("请在将作为项目频道的频道里运行 `/reqbot new`,不要在私信里运行。",
                  "Run `/reqbot new` in the channel that should become the project's channel, not in a DM."),
    "created": ("已创建项目「{project}」,本频道为项目频道,<@{user}> 是项目经理。下一步:`/reqbot invite @同事 角色`。"
                "\n请把我加入本频道(`/invite @reqbot`),以便上传规格说明书。",
                "Project \"{project}\" created: this channel is its channel and <@{user}> its manager. Next: "
                "`/reqbot invite @user ROLE`.\nAdd me to this channel (`/invite @reqbot`) so I can upload the spec here."),
    "exists": ("无法创建:{reason}", "Cannot create the project: {reason}"),
    "working": ("收到,正在处理…", "On it…"),
    "building_spec": ("正在生成需求规格说明书,完成后会上传到本频道…",
                      "Building the requirements specification; I will upload it to this channel…"),
    "invited": ("已邀请:{people}", "Invited: {people}"),
    "invite_failed": ("未能联系:{people}", "Could not reach: {people}"),
    "nobody_pending": ("没有未完成访谈的人,无需提醒。", "Nobody is pending; no reminders sent."),
    "reminded": ("已提醒 {count} 人:{people}", "Reminded {count}: {people}"),
    "no_requirements": ("还没有可整理的需求:先邀请同事完成访谈。",
                        "No requirements yet: invite people and let them answer first."),
    "top_requirements": ("*「{project}」优先级最高的需求*(共 {total} 条)", "*Top requirements of \"{project}\"* ({total} in all)"),
    "spec_comment": ("「{project}」需求规格说明书 第 {version} 版({count} 条需求)",
                     "Requirements specification for \"{project}\", version {version} ({count} requirements)"),
    "spec_done": ("已上传第 {version} 版规格说明书。", "Uploaded version {version} of the specification."),
    "spec_failed": ("规格说明书已生成({path}),但上传失败:{error}。{hint}",
                    "The specification was written ({path}) but the upload failed: {error}. {hint}"),
    "hint_invite_bot": ("请先把我加入本频道:`/invite @reqbot`。", "Add me to this channel first: `/invite @reqbot`."),
    "unavailable": ("这个功能暂时不可用:{reason}", "That is not available right now: {reason}"),
    "priority_set": ("<@{user}> 把 {req} 的优先级调整为 *{priority}*(原为 {old})。",
                     "<@{user}> set the priority of {req} to *{priority}* (was {old})."),
    "unknown_req": ("没有编号为 {req} 的需求。用 `/reqbot requirements` 查看编号。",
                    "There is no requirement {req}. See the ids with `/reqbot requirements`."),
    "failed": ("抱歉,命令执行失败,请稍后再试。", "Sorry, the command failed; please try again."),
    # --- status -----------------------------------------------------------------------------
    "status_title": ("*「{project}」访谈进度*:{done}/{total} 人已完成", "*Interviews for \"{project}\"*: {done} of {total} finished"),
    "status_none": ("还没有邀请任何人。用 `/reqbot invite @同事 角色` 开始。", "Nobody invited yet. Start with `/reqbot invite @user ROLE`."),
    "finished": ("已完成", "Finished"),
    "pending": ("未完成", "Pending"),
    "answers": ("{n} 个回答", "{n} answers"),
    "by_role": ("按角色", "By role"),
    "covered": ("已覆盖", "covered"),
    "not_covered": ("未覆盖", "not covered"),
    "st.in_progress": ("进行中", "in progress"),
    "st.paused": ("已暂停", "paused"),
    "st.reviewing": ("确认中", "reviewing"),
    "st.completed": ("已完成", "finished"),
    "st.imported": ("已导入", "imported"),
    "role.sales": ("销售", "sales"),
    "role.finance": ("财务", "finance"),
    "role.warehouse": ("仓储物流", "warehouse & logistics"),
    "role.management": ("管理层", "management"),
    "role.customer_service": ("客服", "customer service"),
    "role.it": ("IT", "IT"),
    "role.other": ("其他", "other"),
    # --- app home ---------------------------------------------------------------------------
    "home_title": ("reqbot 需求访谈助手", "reqbot requirements interviews"),
    "home_projects": ("您管理的项目", "Your projects"),
    "home_interviews": ("您的访谈", "Your interviews"),
    "home_intro": ("我会在私信里向各部门做需求访谈,并整理成需求规格说明书。有检查清单的问题,随时 @我 或私信我。",
                   "I interview each department in a DM and turn the answers into a requirements specification. "
                   "Mention me or DM me with any checklist question."),
    "home_spec": ("最新规格说明书:第 {version} 版", "Latest spec: version {version}"),
    "home_no_spec": ("尚未生成规格说明书", "No spec yet"),
}


def say(key: str, lang: Language, **fields: object) -> str:
    zh, en = _TEXTS[key]
    text = zh if lang == "zh" else en
    return text.format(**fields) if fields else text


def status_label(status: str, lang: Language) -> str:
    key = f"st.{status}"
    return say(key, lang) if key in _TEXTS else status


def role_label(role: str, lang: Language) -> str:
    key = f"role.{role}"
    return say(key, lang) if key in _TEXTS else role


def topic_label(topic_id: str) -> str:
    return topic_id.replace("_", " ")
