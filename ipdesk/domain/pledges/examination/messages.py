"""The words of the examination: the title of every ground and the reason of every finding (zh, en).

Keys: ``exam.<code>`` (what the ground asks) and ``exam.<code>.<status or detail>`` (the reason).
"""

from __future__ import annotations

from ipdesk.domain.shared.messages import register

register(
    {
        "exam.waived_suffix": (
            "；当事人已声明仍要求登记：“{declaration}”",
            '; the parties declared they still want registration: "{declaration}"',
        ),
        "exam.waivable_suffix": (
            "。此项可以放弃：记录当事人“仍要求办理登记”的声明后即可登记",
            ". This ground can be waived: record the parties' declaration that they still want registration",
        ),
        # patents
        "exam.P1": ("出质人是否为登记的专利权人", "Pledgor is the registered patentee"),
        "exam.P1.passed": (
            "{right}：出质人是专利登记簿记载的专利权人",
            "{right}: the pledgor is the registered patentee",
        ),
        "exam.P1.failed": (
            "{right}：出质人（{pledgors}）不是专利登记簿记载的专利权人；登记的专利权人是：{owners}",
            "{right}: the pledgor ({pledgors}) is not the registered patentee; the register names: {owners}",
        ),
        "exam.P1.no_owner": (
            "{right}：登记簿中没有专利权人信息，无法核对出质人，请先补全登记信息",
            "{right}: the register names no patentee, so the pledgor cannot be checked; complete the record first",
        ),
        "exam.P2": ("专利权是否已终止或被宣告无效", "Patent terminated or invalidated"),
        "exam.P2.passed": ("{right}：专利权有效", "{right}: the patent is in force"),
        "exam.P2.failed": (
            "{right}：专利权状态为“{status}”，不能出质",
            "{right}: the patent is {status_en}; it cannot be pledged",
        ),
        "exam.P2.expired": (
            "{right}：专利权已于 {expiry} 期满终止，不能出质",
            "{right}: the patent's term ended on {expiry}; it cannot be pledged",
        ),
        "exam.P3": ("专利申请是否尚未授权", "Application not yet granted"),
        "exam.P3.passed": ("{right}：已授予专利权", "{right}: the patent has been granted"),
        "exam.P3.failed": (
            "{right}：这还是一件专利申请，尚未授予专利权，不能出质",
            "{right}: this is still an application, not a granted patent; it cannot be pledged",
        ),
        "exam.P4": ("是否按规定缴纳年费", "Annual fees paid"),
        "exam.P4.passed": ("{right}：年费已按规定缴纳", "{right}: the annual fees are paid"),
        "exam.P4.failed": (
            "{right}：年费未按时缴纳，专利正处于滞纳期，缴清年费和滞纳金后才能出质",
            "{right}: the annual fee is overdue (late-payment period); pay the fee and surcharge first",
        ),
        "exam.P5": ("是否因权属纠纷中止或被法院保全", "Ownership-dispute suspension or court preservation"),
        "exam.P5.passed": (
            "{right}：没有权属纠纷中止程序，也没有被法院保全",
            "{right}: no ownership suspension, no court preservation",
        ),
        "exam.P5.failed": (
            "{right}：因专利权归属纠纷，有关程序已被中止，质押手续暂停办理",
            "{right}: proceedings are suspended over an ownership dispute; pledge formalities are suspended",
        ),
        "exam.P5.preservation": (
            "{right}：专利权已被人民法院采取保全措施，质押手续暂停办理",
            "{right}: a court has ordered preservation of the patent; pledge formalities are suspended",
        ),
        "exam.P5.both": (
            "{right}：因权属纠纷程序已中止，且已被人民法院采取保全措施，质押手续暂停办理",
            "{right}: suspended over an ownership dispute and under court preservation; formalities suspended",
        ),
        "exam.P6": ("债务履行期限是否超过专利权有效期", "Performance deadline within the patent term"),
        "exam.P6.passed": (
            "{right}：债务履行期限没有超过专利权有效期",
            "{right}: the deadline is within the patent's term",
        ),
        "exam.P6.failed": (
            "{right}：债务履行期限 {deadline} 晚于专利权期限届满日 {expiry}",
            "{right}: the performance deadline {deadline} is after the patent expires on {expiry}",
        ),
        "exam.P6.unknown": (
            "{right}：登记簿中没有申请日或期限届满日，无法核对债务履行期限，请先补全登记信息",
            "{right}: the register has no filing or expiry date, so the deadline cannot be checked; complete it first",
        ),
        "exam.P7": (
            "质押合同是否符合规定（必备内容、流质条款）",
            "Pledge contract meets the rules (contents, no forfeiture)",
        ),
        "exam.P7.passed": (
            "质押合同包含全部必备内容，没有流质条款",
            "the contract has all mandatory contents and no forfeiture clause",
        ),
        "exam.P7.forfeiture": (
            "质押合同约定债务到期不履行时专利权归质权人所有（流质条款），违反法律规定",
            "the contract says the patent passes to the pledgee if the debt is unpaid (forfeiture, 流质); "
            "the law forbids it",
        ),
        "exam.P7.missing": (
            "质押合同缺少必备内容：{clauses}（补正后可登记）",
            "the contract lacks mandatory contents: {clauses_en} (can be corrected)",
        ),
        "exam.P8": ("共有专利是否取得全体共有人同意", "Co-owned patent: all co-owners consent"),
        "exam.P8.passed": (
            "{right}：不是共有专利，或已取得全体共有人同意",
            "{right}: not co-owned, or all co-owners consent",
        ),
        "exam.P8.failed": (
            "{right}：这是共有专利，但没有其他共有人（{co_owners}）同意出质的证明",
            "{right}: the patent is co-owned, but there is no proof that the other co-owners ({co_owners}) consent",
        ),
        "exam.P9": ("专利权是否已经质押且在质押期内", "Already pledged (no second pledge)"),
        "exam.P9.passed": ("{right}：没有处于质押期内的质押登记", "{right}: not in a registered pledge"),
        "exam.P9.failed": (
            "{right}：已经质押登记（登记号 {registration_no}）且仍在质押期内，不能重复质押",
            "{right}: already registered as pledged (no. {registration_no}) and still in the pledge period; "
            "no second pledge",
        ),
        "exam.P10": ("是否为同日申请的实用新型（同时有发明专利申请）", "Same-day utility model / invention"),
        "exam.P10.passed": (
            "{right}：不涉及同日申请的发明和实用新型",
            "{right}: no same-day invention / utility model",
        ),
        "exam.P10.failed": (
            "{right}：申请人同日就同样的发明创造申请了发明专利（{twin}），出质的是其中的实用新型",
            (
                "{right}: the same applicant filed an invention ({twin}) for the same subject on the same day, "
                "and this utility model is the one pledged"
            ),
        ),
        "exam.P10.waived": (
            "{right}：申请人同日就同样的发明创造申请了发明专利（{twin}），出质的是其中的实用新型",
            "{right}: a same-day invention ({twin}) exists for this utility model",
        ),
        "exam.P11": ("专利权是否已被启动无效宣告程序", "Invalidation proceedings started"),
        "exam.P11.passed": ("{right}：没有无效宣告程序", "{right}: no invalidation proceedings"),
        "exam.P11.failed": (
            "{right}：已有人请求宣告这件专利无效，无效宣告程序尚在进行中",
            "{right}: invalidation of this patent has been requested and is pending",
        ),
        "exam.P11.waived": (
            "{right}：已有人请求宣告这件专利无效，无效宣告程序尚在进行中",
            "{right}: invalidation of this patent has been requested and is pending",
        ),
        "exam.P12": ("其他不符合出质条件的情形", "Other reasons the patent cannot be pledged"),
        "exam.P12.passed": ("审查员没有提出其他不予登记的理由", "the examiner added no other ground"),
        "exam.P12.failed": ("{reason}", "{reason}"),
        # trademarks
        "exam.TM1": ("出质人是否为注册商标专用权人", "Pledgor is the registered trademark owner"),
        "exam.TM1.passed": ("{right}：出质人是商标注册人", "{right}: the pledgor is the registered owner"),
        "exam.TM1.failed": (
            (
                "{right}：出质人（{pledgors}）与商标档案记载的注册人不一致，登记的注册人是：{owners}；"
                "如名称已变更，请提交能证明其为商标权利人的文件"
            ),
            (
                "{right}: the pledgor ({pledgors}) does not match the registered owner ({owners}); "
                "if the name changed, file proof that the pledgor owns the mark"
            ),
        ),
        "exam.TM1.no_owner": (
            "{right}：商标档案中没有注册人信息，无法核对出质人，请先补全登记信息",
            "{right}: the register names no owner, so the pledgor cannot be checked; complete the record first",
        ),
        "exam.TM2": ("商标是否已被撤销、注销或期满未续展", "Mark cancelled, removed or expired unrenewed"),
        "exam.TM2.passed": ("{right}：注册商标有效", "{right}: the registration is in force"),
        "exam.TM2.failed": (
            "{right}：商标状态为“{status}”（已被撤销、注销或期满未续展），不能出质",
            "{right}: the mark is {status_en} (cancelled, removed or not renewed); it cannot be pledged",
        ),
        "exam.TM2.expired": (
            "{right}：商标有效期已于 {expiry} 届满且未续展，不能出质",
            "{right}: the registration expired on {expiry} and was not renewed; it cannot be pledged",
        ),
        "exam.TM2.pending": (
            "{right}：商标尚未核准注册，不能出质",
            "{right}: the mark is not registered yet; it cannot be pledged",
        ),
        "exam.TM3": ("商标是否被法院查封、冻结", "Seized or frozen by a court"),
        "exam.TM3.passed": ("{right}：没有被查封、冻结", "{right}: not seized or frozen"),
        "exam.TM3.failed": (
            "{right}：商标专用权已被人民法院查封、冻结，不能出质",
            "{right}: a court has seized or frozen the mark; it cannot be pledged",
        ),
        "exam.TM4": ("相同或近似商标是否一并出质", "Identical or similar marks pledged together"),
        "exam.TM4.passed": (
            "{right}：出质人在类似商品或服务上没有未一并出质的相同或近似商标",
            "{right}: the owner has no identical or similar mark on similar goods left out",
        ),
        "exam.TM4.failed": (
            "{right}：出质人在相同或类似商品/服务上还注册了相同或近似的商标，应一并出质：{marks}",
            "{right}: the owner has identical or similar marks on similar goods that must be pledged too: {marks_en}",
        ),
        "exam.TM4.co_owned": (
            "{right}：出质人在相同或类似商品/服务上还注册了相同或近似的商标，应一并出质：{marks}。"
            "其中与他人共有的商标，共有人须作为出质人加入本申请，或出具同意出质的书面意见：{co_owners}",
            "{right}: the owner has identical or similar marks on similar goods that must be pledged too: "
            "{marks_en}. Some are co-owned: each co-owner must join the application as a pledgor or consent "
            "in writing: {co_owners_en}",
        ),
        "exam.TM5": ("质押期限是否在商标有效期内", "Pledge within the mark's current term"),
        "exam.TM5.passed": (
            "{right}：债务履行期限和质权登记期限都在商标有效期内",
            "{right}: the deadline and the pledge term are within the mark's current term",
        ),
        "exam.TM5.failed": (
            "{right}：债务履行期限 {deadline} 晚于商标有效期届满日 {expiry}，请先办理续展或缩短期限",
            "{right}: the performance deadline {deadline} is after the mark's term ends on {expiry}; renew it first",
        ),
        "exam.TM5.term": (
            "{right}：质权登记期限 {term_end} 晚于商标有效期届满日 {expiry}，请先办理续展或缩短期限",
            "{right}: the pledge term {term_end} runs past the mark's term ending {expiry}; renew it first",
        ),
        "exam.TM5.unknown": (
            "{right}：登记簿中没有注册日或有效期届满日，无法核对期限，请先补全登记信息",
            "{right}: the register has no registration or expiry date, so the term cannot be checked",
        ),
        "exam.TM6": (
            "质押合同是否违反法律强制性规定（流质条款）",
            "Contract breaks mandatory law (forfeiture)",
        ),
        "exam.TM6.passed": ("质押合同没有流质条款", "the contract has no forfeiture clause"),
        "exam.TM6.forfeiture": (
            "质押合同约定债务到期不履行时商标专用权归质权人所有（流质条款），违反法律强制性规定",
            "the contract says the mark passes to the pledgee if the debt is unpaid (forfeiture); the law forbids it",
        ),
        "exam.TM7": ("商标是否已经质押且在质押期内", "Already pledged (no second pledge)"),
        "exam.TM7.passed": ("{right}：没有处于质押期内的质押登记", "{right}: not in a registered pledge"),
        "exam.TM7.failed": (
            "{right}：已经质押登记（登记号 {registration_no}）且仍在质押期内，不能重复质押",
            "{right}: already registered as pledged (no. {registration_no}); no second pledge",
        ),
        "exam.TM8": ("其他不符合出质条件的情形", "Other reasons the mark cannot be pledged"),
        "exam.TM8.passed": ("审查员没有提出其他不予登记的理由", "the examiner added no other ground"),
        "exam.TM8.failed": ("{reason}", "{reason}"),
        # copyrights
        "exam.CR1": ("出质人是否为著作权人", "Pledgor is the copyright owner"),
        "exam.CR1.passed": ("{right}：出质人是著作权人", "{right}: the pledgor is the copyright owner"),
        "exam.CR1.failed": (
            "{right}：出质人（{pledgors}）不是登记的著作权人；登记的著作权人是：{owners}",
            "{right}: the pledgor ({pledgors}) is not the registered owner; the register names: {owners}",
        ),
        "exam.CR1.no_owner": (
            "{right}：登记信息中没有著作权人，无法核对出质人，请先补全登记信息",
            "{right}: the register names no owner, so the pledgor cannot be checked; complete the record first",
        ),
        "exam.CR2": ("著作权保护期是否已届满", "Term of protection expired"),
        "exam.CR2.passed": ("{right}：著作权仍在保护期内", "{right}: the copyright is still protected"),
        "exam.CR2.failed": (
            "{right}：著作权状态为“{status}”，不能出质",
            "{right}: the copyright is {status_en}; it cannot be pledged",
        ),
        "exam.CR2.expired": (
            "{right}：著作权保护期已于 {expiry} 届满，不能出质",
            "{right}: the term of protection ended on {expiry}; it cannot be pledged",
        ),
        "exam.CR3": (
            "债务履行期限是否超过著作权保护期",
            "Performance deadline within the term of protection",
        ),
        "exam.CR3.passed": (
            "{right}：债务履行期限没有超过著作权保护期",
            "{right}: the deadline is within the term of protection",
        ),
        "exam.CR3.unknown": (
            "{right}：登记信息中没有保护期届满日（如作者在世，保护期通常远长于债务期限），未发现超期",
            "{right}: no end of protection is recorded (usually far beyond the debt); nothing found",
        ),
        "exam.CR3.failed": (
            "{right}：债务履行期限 {deadline} 晚于著作权保护期届满日 {expiry}",
            "{right}: the performance deadline {deadline} is after the protection ends on {expiry}",
        ),
        "exam.CR4": ("著作权是否存在权属争议", "Ownership disputed"),
        "exam.CR4.passed": ("{right}：没有权属争议", "{right}: ownership is not disputed"),
        "exam.CR4.failed": (
            "{right}：著作权的归属存在争议，不能出质",
            "{right}: ownership of the copyright is disputed",
        ),
        "exam.CR5": (
            "质押合同是否违反法律强制性规定（流质条款）",
            "Contract breaks mandatory law (forfeiture)",
        ),
        "exam.CR5.passed": ("质押合同没有流质条款", "the contract has no forfeiture clause"),
        "exam.CR5.forfeiture": (
            "质押合同约定债务到期不履行时著作权归质权人所有（流质条款），违反法律强制性规定",
            "the contract says the copyright passes to the pledgee if the debt is unpaid (forfeiture); "
            "the law forbids it",
        ),
        "exam.CR6": ("著作权是否已经质押且在质押期内", "Already pledged (no second pledge)"),
        "exam.CR6.passed": ("{right}：没有处于质押期内的质押登记", "{right}: not in a registered pledge"),
        "exam.CR6.failed": (
            "{right}：已经质押登记（登记号 {registration_no}）且仍在质押期内，不能重复质押",
            "{right}: already registered as pledged (no. {registration_no}); no second pledge",
        ),
        "exam.CR7": ("其他不符合出质条件的情形", "Other reasons the copyright cannot be pledged"),
        "exam.CR7.passed": ("没有其他不予登记的理由", "no other ground"),
        "exam.CR7.failed": ("{reason}", "{reason}"),
        "exam.CR7.preservation": (
            "{right}：著作权已被人民法院查封或冻结，不能出质",
            "{right}: a court has seized or frozen the copyright; it cannot be pledged",
        ),
        # completeness
        "exam.DOC": ("申请材料和合同内容是否齐全", "Documents and contract contents complete"),
        "exam.DOC.passed": (
            "申请材料齐全，质押合同包含全部必备内容",
            "all documents filed; the contract has all mandatory contents",
        ),
        "exam.DOC.document": ("缺少材料：{item}（请补正）", "missing document: {item_en} (to be corrected)"),
        "exam.DOC.clause": (
            "质押合同缺少必备内容：{item}（请补正）",
            "the contract lacks: {item_en} (to be corrected)",
        ),
    }
)
